namespace Analysis.Application.Abstractions;

/// <summary>
/// Reads one session for the status endpoint: without change tracking, without results or dataset, on a database
/// context of its own that goes back to the pool as soon as the read is done. Long polls and event streams are
/// held for minutes by singletons; this lets them hold no connection or context while they wait.
/// </summary>
public interface ISessionStatusReader
{
    /// <summary>The owner's session, or null when the owner has none of this id.</summary>
    Task<AnalysisSession?> ReadAsync(Guid sessionId, string owner, CancellationToken cancellationToken);
}
