namespace Analysis.Domain.Sessions;

/// <summary>Where the service writes to disk: what a full disk is said to have filled.</summary>
public enum StorageArea
{
    /// <summary>The database's disk (SQLite's folder; a PostgreSQL server's own disks, as it reports them).</summary>
    Database,

    /// <summary>The temporary folder, where uploads larger than 1 MiB wait while they are read.</summary>
    TemporaryFolder,
}
