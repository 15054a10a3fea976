namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// The database of sessions, their datasets and their results. Each provider has its own subclass so that
/// each keeps its own migrations (<see cref="SqliteAnalysisDbContext"/>, <see cref="PostgresAnalysisDbContext"/>).
/// </summary>
public abstract class AnalysisDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AnalysisSession> Sessions => Set<AnalysisSession>();

    public DbSet<SessionResultsRecord> Results => Set<SessionResultsRecord>();

    public DbSet<StoredDataset> Datasets => Set<StoredDataset>();

    public DbSet<DatasetColumnRecord> DatasetColumns => Set<DatasetColumnRecord>();

    public DbSet<IdempotencyKeyRecord> IdempotencyKeys => Set<IdempotencyKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalysisDbContext).Assembly);
}
