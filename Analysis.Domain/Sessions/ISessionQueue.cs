using Analysis.Domain.Analyses;

namespace Analysis.Domain.Sessions;

/// <summary>
/// The workers' side of session storage: every owner's sessions, as a queue. A worker claims the oldest claimable
/// session, holds it by a lease it renews, saves its progress and its results, and hands it back when it stops.
/// </summary>
public interface ISessionQueue
{
    /// <summary>
    /// Takes the next session a worker may claim now (pending, or running with a lease expired by
    /// <paramref name="now"/>), fairly between owners: of the owners with fewer than
    /// <paramref name="maxRunningPerOwner"/> sessions running (0: no cap), the one with the fewest, and its oldest
    /// session. Claimers — in any process — go one at a time, so the counts they read are exact; the claim lets
    /// <paramref name="claim"/> make its transition (a start, or a failure when out of attempts), saves and commits
    /// it, all in one transaction. Null when there is none.
    /// </summary>
    Task<AnalysisSession?> ClaimNextAsync(
        DateTimeOffset now, int maxRunningPerOwner, Action<AnalysisSession> claim, CancellationToken cancellationToken);

    /// <summary>
    /// A session as it is stored now, tracked, whatever its owner; check <see cref="AnalysisSession.IsRunningUnder"/>
    /// before going on with it. <see cref="StorageBusyException"/> when the database cannot answer now.
    /// </summary>
    Task<AnalysisSession?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the run's change (progress, a failure, the lease handed back). <see cref="ConcurrencyConflictException"/>
    /// when the session changed since it was read (cancelled, deleted); <see cref="StorageBusyException"/> when the
    /// database cannot take the write now.
    /// </summary>
    Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken);

    /// <summary>Saves a completed session together with its results, in one transaction.</summary>
    Task SaveCompletedAsync(AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of a running session the worker holds. False when the session is no longer running under
    /// <paramref name="holder"/> (cancelled, deleted, or claimed by another worker after a lapse).
    /// </summary>
    Task<bool> TryRenewLeaseAsync(Guid id, string holder, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Ends now the leases of running sessions whose holder starts with <paramref name="holderPrefix"/> (a dead
    /// process's workers), so any worker may claim them at once; how many.
    /// </summary>
    Task<int> ExpireLeasesAsync(string holderPrefix, DateTimeOffset now, CancellationToken cancellationToken);
}
