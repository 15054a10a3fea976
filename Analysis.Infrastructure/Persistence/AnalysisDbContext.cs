using Analysis.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// The database of sessions, their datasets and their results. Each provider has its own subclass so that
/// each keeps its own migrations (<see cref="SqliteAnalysisDbContext"/>, <see cref="PostgresAnalysisDbContext"/>).
/// </summary>
public abstract class AnalysisDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AnalysisSession> Sessions => Set<AnalysisSession>();

    public DbSet<SessionResultsRecord> Results => Set<SessionResultsRecord>();

    public DbSet<SessionDatasetColumnRecord> DatasetColumns => Set<SessionDatasetColumnRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalysisDbContext).Assembly);
}

public sealed class SqliteAnalysisDbContext(DbContextOptions<SqliteAnalysisDbContext> options) : AnalysisDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time type that sorts and compares; UTC ticks in an INTEGER do both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAnalysisDbContext(DbContextOptions<PostgresAnalysisDbContext> options) : AnalysisDbContext(options);

/// <summary>The JSON array of a completed session's results, in a table of its own so status reads never load it.</summary>
public sealed class SessionResultsRecord(Guid sessionId, string json)
{
    public Guid SessionId { get; private set; } = sessionId;

    public string Json { get; private set; } = json;
}

/// <summary>One column of a session's dataset (the <see cref="AnalysisSession.Dataset"/> schema's column at <see cref="Ordinal"/>) in <c>ColumnBinaryFormat</c>.</summary>
public sealed class SessionDatasetColumnRecord(Guid sessionId, int ordinal, byte[] data)
{
    public Guid SessionId { get; private set; } = sessionId;

    public int Ordinal { get; private set; } = ordinal;

    public byte[] Data { get; private set; } = data;
}
