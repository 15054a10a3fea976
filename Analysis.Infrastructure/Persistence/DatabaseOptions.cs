namespace Analysis.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string ConnectionStringName = "Analysis";

    public const string DefaultSqliteConnectionString = "Data Source=data/analysis.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
