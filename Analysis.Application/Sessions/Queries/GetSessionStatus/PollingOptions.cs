namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>The <c>Polling</c> configuration section (docs/operations.md): the status read's memory and streams.</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Seconds between heartbeat comments on an idle event stream.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// Answer 304s from memory. Safe only while this process hears of every change; unset, it is decided by the
    /// database provider (on where every writer is this process).
    /// </summary>
    public bool? UseVersionMap { get; set; }

    /// <summary>
    /// Set by the database provider, not by configuration: changes are also made by other processes and heard
    /// through a feed, so the version map must not answer until that feed is connected.
    /// </summary>
    public bool VersionMapWaitsForChangeFeed { get; set; }

    /// <summary>Sessions whose current version is kept in memory.</summary>
    public int VersionMapCapacity { get; set; } = SessionVersionMap.DefaultCapacity;

    /// <summary>Sessions whose current status body is kept in memory; 0 turns the cache off.</summary>
    public int StatusBodyCacheSize { get; set; } = StatusBodyCache.DefaultCapacity;

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (HeartbeatSeconds is < 1 or > 3600)
        {
            yield return "Polling:HeartbeatSeconds must be from 1 to 3600.";
        }

        if (VersionMapCapacity < 0 || StatusBodyCacheSize < 0)
        {
            yield return "Polling:VersionMapCapacity and Polling:StatusBodyCacheSize must not be negative.";
        }
    }
}
