using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class StoredDatasetConfiguration : IEntityTypeConfiguration<StoredDataset>
{
    /// <summary>Whether its columns are all written (a dataset is written hidden, its columns in parts, then made visible).</summary>
    public const string StoredProperty = "Stored";

    public void Configure(EntityTypeBuilder<StoredDataset> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Owner).HasMaxLength(AnalysisSession.MaxOwnerLength);
        builder.Property(d => d.Name).HasMaxLength(StoredDataset.MaxNameLength);
        builder.Property(d => d.Format).HasMaxLength(16);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.ContentKey).HasMaxLength(64);
        builder.Property(d => d.Schema)
            .HasConversion(v => StoredJson.WriteSchema(v), v => StoredJson.ReadSchema(v), ValueComparers.ByReference<DatasetSchema>())
            .HasColumnName("SchemaJson");
        builder.Property(d => d.NaStrings)
            .HasConversion(v => StoredJson.WriteLines(v.ToList())!, v => StoredJson.ReadLines(v)!, ValueComparers.ByReference<IReadOnlyList<string>>())
            .HasColumnName("NaStringsJson");
        builder.Property<bool>(StoredProperty);
        builder.HasQueryFilter(d => EF.Property<bool>(d, StoredProperty));

        // Listing an owner's datasets (newest first); one dataset per owner and content (an upload stored once).
        builder.HasIndex(d => new { d.Owner, d.CreatedAt });
        builder.HasIndex(d => new { d.Owner, d.ContentKey }).IsUnique();
        builder.HasIndex(d => d.LastUsedAt);
    }
}
