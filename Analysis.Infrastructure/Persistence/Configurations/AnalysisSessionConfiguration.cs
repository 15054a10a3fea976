using Analysis.Domain.Analyses;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class AnalysisSessionConfiguration : IEntityTypeConfiguration<AnalysisSession>
{
    public const string StoredProperty = "Stored";

    public void Configure(EntityTypeBuilder<AnalysisSession> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Owner).HasMaxLength(AnalysisSession.MaxOwnerLength);
        builder.Property(s => s.Name).HasMaxLength(AnalysisSession.MaxNameLength);
        builder.Property(s => s.Status)
            .HasConversion(v => v.ToWireName(), v => ParseStatus(v))
            .HasMaxLength(16);
        builder.Property(s => s.CurrentAnalysis).HasMaxLength(32);
        builder.Property(s => s.LeaseHolder).HasMaxLength(200).HasColumnName("LeaseOwner"); // the column keeps its first name

        // Plan and schema never change after creation: compared by reference, stored as JSON text.
        builder.Property(s => s.Plan)
            .HasConversion(v => StoredJson.WritePlan(v), v => StoredJson.ReadPlan(v), ValueComparers.ByReference<IReadOnlyList<PlanEntry>>())
            .HasColumnName("PlanJson");
        builder.Property(s => s.Dataset)
            .HasConversion(v => StoredJson.WriteSchema(v), v => StoredJson.ReadSchema(v), ValueComparers.ByReference<DatasetSchema>())
            .HasColumnName("DatasetJson");
        builder.Property<List<string>?>("_highlights")
            .HasConversion(v => StoredJson.WriteLines(v), v => StoredJson.ReadLines(v), ValueComparers.ByReference<List<string>?>())
            .HasColumnName("HighlightsJson");

        builder.Property(s => s.Version).IsConcurrencyToken();

        // Storage bookkeeping, not the domain's: whether the session is complete (every query sees only visible ones).
        // Sessions are written visible since their datasets became a resource (the dataset is what is written hidden,
        // in parts); older rows may be hidden, erased by retention. (No database default in the model: EF would omit
        // a false it takes for "unset".)
        builder.Property<bool>(StoredProperty);
        builder.HasQueryFilter(s => EF.Property<bool>(s, StoredProperty));

        // A session's dataset stays while the session does: a dataset is deleted after (or with) its sessions.
        builder.HasOne<StoredDataset>().WithMany().HasForeignKey(s => s.DatasetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.DatasetId, s.CreatedAt });

        builder.Ignore(s => s.Highlights);
        builder.Ignore(s => s.Changes);
        builder.Ignore(s => s.Progress);
        builder.Ignore(s => s.HasExhaustedAttempts);

        // Claiming (oldest pending, expired leases) and listing an owner's sessions (newest first, by status).
        builder.HasIndex(s => new { s.Status, s.CreatedAt });
        builder.HasIndex(s => new { s.Owner, s.CreatedAt });
        builder.HasIndex(s => new { s.Owner, s.Status, s.CreatedAt });
    }

    private static SessionStatus ParseStatus(string value) =>
        SessionStatusExtensions.TryParseWireName(value, out var status)
            ? status
            : throw new InvalidOperationException($"Unknown session status '{value}' in the database.");
}
