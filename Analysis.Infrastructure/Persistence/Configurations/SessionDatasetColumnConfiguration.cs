using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class SessionDatasetColumnConfiguration : IEntityTypeConfiguration<SessionDatasetColumnRecord>
{
    public void Configure(EntityTypeBuilder<SessionDatasetColumnRecord> builder)
    {
        builder.ToTable("session_dataset_columns");
        builder.HasKey(r => new { r.SessionId, r.Ordinal, r.Part });
        builder.HasOne<AnalysisSession>().WithMany().HasForeignKey(r => r.SessionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
