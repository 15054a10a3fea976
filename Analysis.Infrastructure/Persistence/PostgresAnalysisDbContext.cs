namespace Analysis.Infrastructure.Persistence;

public sealed class PostgresAnalysisDbContext(DbContextOptions<PostgresAnalysisDbContext> options) : AnalysisDbContext(options);
