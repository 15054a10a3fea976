using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class DatasetColumnConfiguration : IEntityTypeConfiguration<DatasetColumnRecord>
{
    public void Configure(EntityTypeBuilder<DatasetColumnRecord> builder)
    {
        builder.ToTable("dataset_columns");
        builder.HasKey(r => new { r.DatasetId, r.Ordinal, r.Part });
        builder.HasOne<StoredDataset>().WithMany().HasForeignKey(r => r.DatasetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
