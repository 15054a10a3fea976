using Analysis.Domain.Analyses;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class AnalysisSessionConfiguration : IEntityTypeConfiguration<AnalysisSession>
{
    public const string StoredProperty = "Stored";

    public const string DatasetBytesProperty = "DatasetBytes";

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
            .HasConversion(v => StoredJson.WritePlan(v), v => StoredJson.ReadPlan(v), ByReference<IReadOnlyList<PlanEntry>>())
            .HasColumnName("PlanJson");
        builder.Property(s => s.Dataset)
            .HasConversion(v => StoredJson.WriteSchema(v), v => StoredJson.ReadSchema(v), ByReference<DatasetSchema>())
            .HasColumnName("DatasetJson");
        builder.Property<List<string>?>("_highlights")
            .HasConversion(v => StoredJson.WriteLines(v), v => StoredJson.ReadLines(v), ByReference<List<string>?>())
            .HasColumnName("HighlightsJson");

        builder.Property(s => s.Version).IsConcurrencyToken();

        // Storage bookkeeping, not the domain's: whether the dataset is complete (a session is written hidden, its
        // dataset in parts, then made visible; every query sees only visible ones), and how many bytes it takes.
        // (No database default in the model: EF would omit a false it takes for "unset". The migration fills in
        // existing rows: stored, with the size of their columns.)
        builder.Property<bool>(StoredProperty);
        builder.Property<long>(DatasetBytesProperty);
        builder.HasQueryFilter(s => EF.Property<bool>(s, StoredProperty));

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

    private static ValueComparer<T> ByReference<T>() =>
        new((a, b) => ReferenceEquals(a, b), v => v == null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v), v => v);
}
