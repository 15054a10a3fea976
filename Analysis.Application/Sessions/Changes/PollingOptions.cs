namespace Analysis.Application.Sessions.Changes;

/// <summary>The <c>Polling</c> configuration section (docs/operations.md): the status read's memory and streams.</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Seconds between heartbeat comments on an idle event stream.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// Answer 304s from memory (<see cref="CurrentVersions"/>, "the version map"). Safe only while this process hears
    /// of every change; unset, it is decided by the database provider (on where every writer is this process).
    /// </summary>
    public bool? UseVersionMap { get; set; }

    /// <summary>
    /// Set by the database provider, not by configuration: changes are also made by other processes and published
    /// to this one through the database, so the current versions must not answer until that subscription is live.
    /// </summary>
    public bool CurrentVersionsWaitForOtherProcesses { get; set; }

    /// <summary>Sessions whose current version is kept in memory (<see cref="CurrentVersions"/>).</summary>
    public int VersionMapCapacity { get; set; } = CurrentVersions.DefaultCapacity;

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
