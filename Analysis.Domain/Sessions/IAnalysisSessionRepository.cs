using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;

namespace Analysis.Domain.Sessions;

/// <summary>
/// Persistence of the <see cref="AnalysisSession"/> aggregate, its dataset and its results. Reads on behalf of a
/// caller take the caller's owner and find only that owner's sessions: another owner's session is as absent as
/// an unknown id. The worker's reads (it runs everyone's sessions) say so in their names.
/// </summary>
public interface IAnalysisSessionRepository
{
    /// <summary>The owner's session, read without change tracking and without results or dataset; null otherwise.</summary>
    Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>The owner's session, tracked, for a command that changes it; save with <see cref="SaveAsync"/>.</summary>
    Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>Any owner's session, tracked, for the worker that claims, runs and hands back sessions.</summary>
    Task<AnalysisSession?> GetForWorkerAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new session and its dataset. Large datasets are written in parts, several short transactions, so
    /// other writers wait milliseconds, not seconds; the session becomes visible (to reads, lists, workers) only in
    /// the last one, which also checks the <paramref name="admission"/>: throws
    /// <see cref="StorageQuotaExceededException"/> or <see cref="IdempotencyKeyTakenException"/>, and then nothing is
    /// stored. <see cref="StorageBusyException"/> when the database stays locked.
    /// </summary>
    Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken);

    /// <summary>What the owner's idempotency key created, if it was used after <paramref name="since"/>.</summary>
    Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Erases sessions whose storing began before <paramref name="startedBefore"/> and never finished (a process died mid-upload).</summary>
    Task<int> EraseUnfinishedStoresAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken);

    /// <summary>Forgets idempotency keys used before <paramref name="before"/> (retention); how many.</summary>
    Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a session read for update. Throws <see cref="ConcurrencyConflictException"/> when someone else changed
    /// or deleted it since it was read.
    /// </summary>
    Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken);

    /// <summary>Saves a completed session together with its results, in one transaction.</summary>
    Task SaveCompletedAsync(
        AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken);

    /// <summary>Erases the owner's session, its dataset and its results; false when the owner has no such session.</summary>
    Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>Erases a session whatever its owner (retention); false when there was none.</summary>
    Task<bool> EraseAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A page of the owner's sessions, newest first.</summary>
    Task<SessionPage> ListAsync(string owner, SessionStatus? status, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The owner's stored results as the JSON array the API returns; null when there are none.</summary>
    Task<string?> GetResultsJsonAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest session a worker may claim now (pending, or running with a lease expired by
    /// <paramref name="now"/>): locks it so that no concurrent claimer — in any process — gets it or waits for it
    /// (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>), lets <paramref name="claim"/> make its transition (a start, or a
    /// failure when out of attempts), saves and commits it, all in one transaction. Null when there is none.
    /// </summary>
    Task<AnalysisSession?> ClaimNextAsync(DateTimeOffset now, Action<AnalysisSession> claim, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of a running session this worker holds. False when the session is no longer running
    /// under this worker (cancelled, deleted, or claimed by another worker after a lapse).
    /// </summary>
    Task<bool> TryRenewLeaseAsync(
        Guid id, string workerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Ends now the leases of running sessions whose lease owner starts with <paramref name="ownerPrefix"/> (a dead
    /// process's workers), so any worker may claim them at once; how many.
    /// </summary>
    Task<int> ExpireLeasesAsync(string ownerPrefix, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ids of terminal sessions that ended before <paramref name="cutoff"/> (retention).</summary>
    Task<IReadOnlyList<Guid>> FindExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}
