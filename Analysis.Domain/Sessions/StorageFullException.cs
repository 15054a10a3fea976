namespace Analysis.Domain.Sessions;

/// <summary>
/// A disk the service writes to has no room left (SQLite's "database or disk is full", PostgreSQL's disk_full, an
/// ENOSPC while an upload waits in the temporary folder). Nothing was changed; the same request may succeed once an
/// operator has made room. Unlike <see cref="StorageBusyException"/>, retrying within seconds will not help.
/// </summary>
public sealed class StorageFullException(StorageArea area, Exception? inner = null) : Exception(MessageFor(area), inner)
{
    /// <summary>Which disk is full.</summary>
    public StorageArea Area { get; } = area;

    /// <summary>What a caller is told: that storage is full, which, and that it is not the request's fault.</summary>
    public static string MessageFor(StorageArea area) => area switch
    {
        StorageArea.TemporaryFolder =>
            "The service's storage is full: its temporary folder, where uploads wait, has no room left, so nothing was changed. " +
            "Try again later; an operator has to make room.",
        _ =>
            "The service's storage is full: the disk of its database has no room left, so nothing was changed. " +
            "Try again later; an operator has to make room.",
    };
}
