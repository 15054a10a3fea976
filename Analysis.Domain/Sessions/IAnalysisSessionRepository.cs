using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;

namespace Analysis.Domain.Sessions;

/// <summary>Persistence of the <see cref="AnalysisSession"/> aggregate, its dataset and its results.</summary>
public interface IAnalysisSessionRepository
{
    /// <summary>A read without change tracking and without the results or the dataset; null when unknown.</summary>
    Task<AnalysisSession?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A tracked read for a command that changes the session; save with <see cref="SaveAsync"/>.</summary>
    Task<AnalysisSession?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a new session and its dataset in one transaction.</summary>
    Task AddAsync(AnalysisSession session, Dataset dataset, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a session read with <see cref="GetForUpdateAsync"/>. Throws <see cref="ConcurrencyConflictException"/>
    /// when someone else changed or deleted it since it was read.
    /// </summary>
    Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken);

    /// <summary>Saves a completed session together with its results, in one transaction.</summary>
    Task SaveCompletedAsync(
        AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken);

    /// <summary>Erases the session, its dataset and its results; false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<SessionPage> ListAsync(SessionStatus? status, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The stored results as the JSON array the API returns; null when there are none.</summary>
    Task<string?> GetResultsJsonAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Ids of sessions a worker may claim now (pending, or running with an expired lease), oldest first.</summary>
    Task<IReadOnlyList<Guid>> FindClaimableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of a running session this worker owns. False when the session is no longer
    /// running under this owner (cancelled, deleted, or claimed by another worker after a lapse).
    /// </summary>
    Task<bool> TryRenewLeaseAsync(
        Guid id, string owner, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>Ids of terminal sessions that ended before <paramref name="cutoff"/> (retention).</summary>
    Task<IReadOnlyList<Guid>> FindExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}
