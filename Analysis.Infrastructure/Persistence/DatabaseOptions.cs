namespace Analysis.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string ConnectionStringName = "Analysis";

    public const string DefaultSqliteConnectionString = "Data Source=data/analysis.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>At start, how long to keep trying a database server that cannot be reached before giving up.</summary>
    public int StartupTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// SQLite: bytes kept free on the database's disk for deletes, as a file beside the database (<c>analysis.db.reserve</c>);
    /// released when a delete finds the disk full, so that the delete goes through (<see cref="DatabaseReserve"/>). 0: none.
    /// </summary>
    public long ReserveBytes { get; set; } = 16L << 20;

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return "Database:Provider must be Sqlite or Postgres.";
        }

        if (StartupTimeoutSeconds is < 0 or > 3600)
        {
            yield return "Database:StartupTimeoutSeconds must be from 0 to 3600.";
        }

        if (ReserveBytes is < 0 or > 1L << 40)
        {
            yield return "Database:ReserveBytes must be from 0 (no reserve) to 1 TiB.";
        }
    }
}
