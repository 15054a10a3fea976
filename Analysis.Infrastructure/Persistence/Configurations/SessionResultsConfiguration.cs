using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analysis.Infrastructure.Persistence.Configurations;

internal sealed class SessionResultsConfiguration : IEntityTypeConfiguration<SessionResultsRecord>
{
    public void Configure(EntityTypeBuilder<SessionResultsRecord> builder)
    {
        builder.ToTable("session_results");
        builder.HasKey(r => r.SessionId);
        builder.HasOne<AnalysisSession>().WithOne().HasForeignKey<SessionResultsRecord>(r => r.SessionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
