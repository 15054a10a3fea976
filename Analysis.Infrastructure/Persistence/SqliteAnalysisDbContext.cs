namespace Analysis.Infrastructure.Persistence;

public sealed class SqliteAnalysisDbContext(DbContextOptions<SqliteAnalysisDbContext> options) : AnalysisDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time type that sorts and compares; UTC ticks in an INTEGER do both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
