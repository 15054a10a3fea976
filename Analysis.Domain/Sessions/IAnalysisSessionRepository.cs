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
    Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a session read for update. Throws <see cref="ConcurrencyConflictException"/> when someone else changed
    /// or deleted it since it was read.
    /// </summary>
    Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken);

    /// <summary>Erases the owner's session, its dataset and its results; false when the owner has no such session.</summary>
    Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken);
}
