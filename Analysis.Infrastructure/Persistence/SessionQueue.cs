using Analysis.Domain.Analyses;
using Analysis.Infrastructure.Serialization;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the workers' queue: claims (one transaction each, <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL),
/// leases, and the saves of a run. Every write publishes the changes the aggregate recorded (<see cref="SessionWrites"/>).
/// </summary>
public sealed class SessionQueue(SessionWrites writes) : ISessionQueue
{
    private readonly AnalysisDbContext db = writes.Db;

    public async Task<AnalysisSession?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsBusyOrFull(ex))
        {
            // A worker retries what the database cannot answer now (a lock, a dropped connection) as it retries a save.
            throw StorageErrors.Translate(db, ex, id);
        }
    }

    public Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken) => writes.SaveAsync(session, cancellationToken);

    public async Task SaveCompletedAsync(AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var json = ResultsJson.Serialize(results);
        db.Results.Add(new SessionResultsRecord(session.Id, json));
        try
        {
            await writes.SaveAsync(session, cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsTooLarge(ex))
        {
            throw new StorageLimitExceededException(
                $"the database does not take results of {json.Length:N0} characters", ex);
        }
    }

    public async Task<AnalysisSession?> ClaimNextAsync(
        DateTimeOffset now, int maxRunningPerOwner, Action<AnalysisSession> claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var cap = maxRunningPerOwner > 0 ? maxRunningPerOwner : int.MaxValue;
        AnalysisSession? session;
        try
        {
            // Claimers go one at a time, in every process, so that the running counts each reads are exact.
            // SQLite: the transaction takes the database's write lock (BEGIN IMMEDIATE). PostgreSQL: a transaction-level
            // advisory lock (a claim is a few milliseconds), and the chosen row is locked with rows a cancel or delete
            // holds skipped.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (writes.IsCrossProcess)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ClaimLockKey})", cancellationToken);
                session = (await NextClaimablePostgres(now, cap).ToListAsync(cancellationToken)).SingleOrDefault();
            }
            else
            {
                session = await NextClaimable(now, cap).FirstOrDefaultAsync(cancellationToken);
            }

            if (session is null)
            {
                return null;
            }

            claim(session);
            await db.SaveChangesAsync(cancellationToken);
            await writes.PublishInTransactionAsync(session, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsBusyOrFull(ex))
        {
            throw StorageErrors.Translate(db, ex, Guid.Empty);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        writes.Published(session);
        return session;
    }

    /// <summary>The key of the claimers' advisory lock on PostgreSQL: the same in every process of this service.</summary>
    private const long ClaimLockKey = 0x416E616C7973_43;

    /// <summary>
    /// Claimable sessions whose owner has fewer than <paramref name="cap"/> running (a lapsed lease is not running:
    /// that session is claimable itself), the owner with the fewest running first, then the oldest session.
    /// </summary>
    private IQueryable<AnalysisSession> NextClaimable(DateTimeOffset now, int cap) =>
        db.Sessions
            .Where(s => s.Status == SessionStatus.Pending ||
                        (s.Status == SessionStatus.Running && s.LeaseExpiresAt != null && s.LeaseExpiresAt <= now))
            .Select(s => new
            {
                Session = s,
                Running = db.Sessions.Count(r => r.Owner == s.Owner && r.Status == SessionStatus.Running && r.LeaseExpiresAt > now),
            })
            .Where(c => c.Running < cap)
            .OrderBy(c => c.Running)
            .ThenBy(c => c.Session.CreatedAt)
            .Select(c => c.Session)
            .Take(1);

    /// <summary>
    /// The same on PostgreSQL, as one statement that also locks the row (the query filter is in it: <c>Stored</c>);
    /// read as a list, since EF cannot see the ORDER BY inside the SQL (and would warn of a First without one).
    /// </summary>
    private IQueryable<AnalysisSession> NextClaimablePostgres(DateTimeOffset now, int cap) =>
        db.Sessions.FromSql($"""
            SELECT s.* FROM sessions s
            CROSS JOIN LATERAL (
                SELECT count(*) AS running FROM sessions r
                WHERE r."Owner" = s."Owner" AND r."Status" = 'running' AND r."LeaseExpiresAt" > {now}) c
            WHERE s."Stored" AND (s."Status" = 'pending' OR (s."Status" = 'running' AND s."LeaseExpiresAt" <= {now}))
              AND c.running < {cap}
            ORDER BY c.running, s."CreatedAt"
            LIMIT 1
            FOR UPDATE OF s SKIP LOCKED
            """).IgnoreQueryFilters();

    public async Task<bool> TryRenewLeaseAsync(
        Guid id, string holder, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        // The lease is bookkeeping, not something a client sees: renewing it leaves Version (and the ETag) alone.
        await db.Sessions
            .Where(s => s.Id == id && s.Status == SessionStatus.Running && s.LeaseHolder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, leaseExpiresAt), cancellationToken) > 0;

    public Task<int> ExpireLeasesAsync(string holderPrefix, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Bookkeeping, as a renewal is: Version (and the ETag) stay as they are.
        db.Sessions
            // Compared exactly (SQLite's LIKE, what StartsWith becomes, ignores case: HOST/0 is not host/0).
            .Where(s => s.Status == SessionStatus.Running && s.LeaseHolder != null &&
                        s.LeaseHolder.Substring(0, holderPrefix.Length) == holderPrefix && s.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, now), cancellationToken);
}
