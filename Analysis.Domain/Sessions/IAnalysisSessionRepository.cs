namespace Analysis.Domain.Sessions;

/// <summary>
/// The aggregate's persistence for what a caller asks of their own sessions: create, change (cancel) and delete.
/// Every read takes the caller's owner and finds only that owner's sessions: another owner's session is as absent
/// as an unknown id. The workers' side is <see cref="ISessionQueue"/>; reads for display are the application's
/// queries.
/// </summary>
public interface IAnalysisSessionRepository
{
    /// <summary>The owner's session, tracked, for a command that changes it; save with <see cref="SaveAsync"/>.</summary>
    Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new session and its dataset. Large datasets are written in parts, several short transactions, so
    /// other writers wait milliseconds, not seconds; the session becomes visible (to reads, lists, workers) only in
    /// the last one, which also checks the <paramref name="admission"/>: throws
    /// <see cref="StorageQuotaExceededException"/> or <see cref="IdempotencyKeyTakenException"/>, and then nothing is
    /// stored. <see cref="StorageBusyException"/> when the database stays locked.
    /// </summary>
    /// <remarks>
    /// The dataset is stored as the session's <see cref="AnalysisSession.DatasetId"/>, described by the admission's
    /// <see cref="SessionAdmission.Dataset"/>; when the same owner's same content was stored by a request at the same
    /// moment, throws <see cref="DatasetStoredMeanwhileException"/> and stores nothing.
    /// </remarks>
    Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new session on the owner's stored dataset (<see cref="AnalysisSession.DatasetId"/>), checking the
    /// admission's idempotency key; nothing of the dataset is read or copied. Throws
    /// <see cref="DatasetNotFoundException"/> when the dataset is gone (deleted a moment before).
    /// </summary>
    Task AddOnStoredDatasetAsync(AnalysisSession session, SessionAdmission admission, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a session read for update. Throws <see cref="ConcurrencyConflictException"/> when someone else changed
    /// or deleted it since it was read.
    /// </summary>
    Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the owner's session and its results, and its dataset when the session's inline upload made it and no other
    /// session uses it; false when the owner has no such session.
    /// </summary>
    Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken);
}
