namespace Analysis.Application.Abstractions;

/// <summary>
/// Reads on behalf of a caller, without change tracking: each takes the caller's owner and finds only that owner's
/// sessions (another owner's session is as absent as an unknown id). The status poll has a read of its own
/// (<see cref="ISessionStatusReader"/>).
/// </summary>
public interface ISessionQueries
{
    /// <summary>The owner's session, without its results or dataset; null otherwise.</summary>
    Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>A page of the owner's sessions (of one status, on one dataset, when given), newest first.</summary>
    Task<SessionPage> ListAsync(string owner, SessionStatus? status, Guid? datasetId, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The owner's stored results as the JSON array the API returns; null when there are none.</summary>
    Task<string?> GetResultsJsonAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>What the owner's idempotency key created, if it was used after <paramref name="since"/>.</summary>
    Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken);
}
