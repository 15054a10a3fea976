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

    public async Task<AnalysisSession?> ClaimNextAsync(DateTimeOffset now, Action<AnalysisSession> claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        AnalysisSession? session;
        try
        {
            // SQLite: the transaction takes the database's write lock (BEGIN IMMEDIATE), so claimers go one at a time.
            // PostgreSQL: the row lock is taken by the query itself, and rows other claimers hold are skipped.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            session = await (writes.IsCrossProcess ? LockOldestClaimablePostgres(now) : OldestClaimable(now)).FirstOrDefaultAsync(cancellationToken);
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

    private IQueryable<AnalysisSession> OldestClaimable(DateTimeOffset now) =>
        db.Sessions
            .Where(s => s.Status == SessionStatus.Pending ||
                        (s.Status == SessionStatus.Running && s.LeaseExpiresAt != null && s.LeaseExpiresAt <= now))
            .OrderBy(s => s.CreatedAt)
            .Take(1);

    /// <summary>The same on PostgreSQL, as one locking statement (the query filter is in it: <c>Stored</c>).</summary>
    private IQueryable<AnalysisSession> LockOldestClaimablePostgres(DateTimeOffset now) =>
        db.Sessions.FromSql($"""
            SELECT * FROM sessions
            WHERE "Stored" AND ("Status" = 'pending' OR ("Status" = 'running' AND "LeaseExpiresAt" <= {now}))
            ORDER BY "CreatedAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
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
