using Analysis.Application.Sessions.Changes;
using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Changes;
using Analysis.Infrastructure.Persistence.Configurations;
using Analysis.Infrastructure.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the aggregate's repository. Every write announces the changes the aggregate raised: to other
/// processes from inside its transaction (<see cref="ICrossProcessPublisher"/>: PostgreSQL NOTIFY, delivered at commit), and
/// in this process once it has committed (<see cref="SessionChangePublisher"/>). It knows nothing of polling.
/// </summary>
public sealed class AnalysisSessionRepository(
    AnalysisDbContext db, SessionChangePublisher publisher, ICrossProcessPublisher otherProcesses, RecentDatasets recent, TimeProvider time)
    : IAnalysisSessionRepository
{
    public Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        CompiledQueries.OwnedSessionById(db, id, owner, cancellationToken);

    public Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);

    public async Task<AnalysisSession?> GetForWorkerAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            // A worker retries what the database cannot answer now (a lock, a dropped connection) as it retries a save.
            db.ChangeTracker.Clear();
            throw new StorageBusyException("The database cannot answer at the moment.", ex);
        }
    }

    public async Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(admission);

        // Offered to this process's workers before the commit, so that a worker which claims the session the moment
        // it is committed finds it; taken back if storing fails.
        recent.Put(session.Id, dataset);
        var visible = false;
        try
        {
            var parts = DatasetParts.Of(session.Id, dataset);
            if (parts.TotalBytes <= DatasetParts.TransactionBytes)
            {
                // Small: one transaction, as visible as it will ever be. The rows first, the admission last, so that
                // the owner's creates take turns (PostgreSQL) only for the check and the commit, not the inserts.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                Track(session, stored: true, parts.TotalBytes);
                await db.SaveChangesAsync(cancellationToken);
                await WritePartsAsync(parts, cancellationToken);
                await AdmitAsync(session, parts.TotalBytes, admission, cancellationToken);
                await otherProcesses.PublishAsync(db, session.Changes, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                visible = true;
            }
            else
            {
                // Large: hidden first, the parts a few megabytes per transaction (a writer never holds the database's
                // write lock for long), then made visible in one short transaction that checks the admission.
                Track(session, stored: false, parts.TotalBytes);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await WritePartsAsync(parts, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await AdmitAsync(session, parts.TotalBytes, admission, cancellationToken);
                await db.Sessions.IgnoreQueryFilters().Where(s => s.Id == session.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty), true), cancellationToken);
                await otherProcesses.PublishAsync(db, session.Changes, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                visible = true;
            }
        }
        catch (Exception ex)
        {
            recent.Drop(session.Id);
            db.ChangeTracker.Clear();
            if (!visible)
            {
                await EraseHiddenAsync(session.Id);
            }

            throw ex switch
            {
                DbUpdateException when admission.Key is { } key && StorageErrors.IsUniqueViolation(ex) => new IdempotencyKeyTakenException(key.Key),
                _ when StorageErrors.IsBusy(ex) => new StorageBusyException("The database is busy with other writes.", ex),
                _ => ex,
            };
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        Published(session);
    }

    public async Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken) =>
        await db.IdempotencyKeys.AsNoTracking()
            .Where(k => k.Owner == owner && k.Key == key && k.CreatedAt > since)
            .Select(k => new IdempotentCreate(k.SessionId, k.Fingerprint))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.Where(k => k.CreatedAt <= before).ExecuteDeleteAsync(cancellationToken);

    public Task<int> EraseUnfinishedStoresAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        db.Sessions.IgnoreQueryFilters()
            .Where(s => !EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty) && s.CreatedAt < startedBefore)
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>The admission's checks, inside the transaction that makes the session visible.</summary>
    private async Task AdmitAsync(AnalysisSession session, long datasetBytes, SessionAdmission admission, CancellationToken cancellationToken)
    {
        if (admission.OwnerByteLimit > 0)
        {
            // Under READ COMMITTED two concurrent creates would not see each other's bytes: on PostgreSQL the owner's
            // admissions take turns (a transaction-scoped advisory lock per owner). SQLite's write lock does that already.
            if (otherProcesses.IsCrossProcess)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({session.Owner}))", cancellationToken);
            }

            var stored = await db.Sessions.Where(s => s.Owner == session.Owner && s.Id != session.Id) // not itself, if already inserted
                .SumAsync(s => EF.Property<long>(s, AnalysisSessionConfiguration.DatasetBytesProperty), cancellationToken);
            if (stored + datasetBytes > admission.OwnerByteLimit)
            {
                throw new StorageQuotaExceededException(stored, datasetBytes, admission.OwnerByteLimit);
            }
        }

        if (admission.Key is { } key)
        {
            // A key older than its lifetime is free again; a live one makes the insert below a unique violation.
            var now = time.GetUtcNow();
            await db.IdempotencyKeys.Where(k => k.Owner == session.Owner && k.Key == key.Key && k.CreatedAt <= now - IdempotencyKey.Lifetime)
                .ExecuteDeleteAsync(cancellationToken);
            db.IdempotencyKeys.Add(new IdempotencyKeyRecord(session.Owner, key.Key, key.Fingerprint, session.Id, now));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private void Track(AnalysisSession session, bool stored, long datasetBytes)
    {
        var entry = db.Sessions.Add(session);
        entry.Property<bool>(AnalysisSessionConfiguration.StoredProperty).CurrentValue = stored;
        entry.Property<long>(AnalysisSessionConfiguration.DatasetBytesProperty).CurrentValue = datasetBytes;
    }

    /// <summary>The parts, one transaction per few megabytes; only one transaction's bytes are tracked at a time.</summary>
    private async Task WritePartsAsync(DatasetParts parts, CancellationToken cancellationToken)
    {
        long pending = 0;
        foreach (var part in parts.Records())
        {
            db.DatasetColumns.Add(part);
            pending += part.Data.Length;
            if (pending >= DatasetParts.TransactionBytes)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task EraseHiddenAsync(Guid id)
    {
        try
        {
            await db.Sessions.IgnoreQueryFilters()
                .Where(s => s.Id == id && !EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty))
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            // Retention erases unfinished stores later.
        }
    }

    public Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken) =>
        SaveChangesAsync(session, cancellationToken);

    public async Task SaveCompletedAsync(
        AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken)
    {
        db.Results.Add(new SessionResultsRecord(session.Id, ResultsJson.Serialize(results)));
        await SaveChangesAsync(session, cancellationToken);
    }

    public Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        DeleteWhereAsync(id, db.Sessions.Where(s => s.Id == id && s.Owner == owner), owner, cancellationToken);

    public Task<bool> EraseAsync(Guid id, CancellationToken cancellationToken) =>
        DeleteWhereAsync(id, db.Sessions.Where(s => s.Id == id), null, cancellationToken);

    public async Task<SessionPage> ListAsync(
        string owner, SessionStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Sessions.AsNoTracking().Where(x => x.Owner == owner);
        if (status is { } s)
        {
            query = query.Where(x => x.Status == s);
        }

        var total = await query.CountAsync(cancellationToken);
        var sessions = await query
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new SessionPage(sessions, total);
    }

    public Task<string?> GetResultsJsonAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Results.AsNoTracking()
            .Where(r => r.SessionId == id && db.Sessions.Any(s => s.Id == id && s.Owner == owner))
            .Select(r => r.Json)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<AnalysisSession?> ClaimNextAsync(DateTimeOffset now, Action<AnalysisSession> claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        AnalysisSession? session;
        try
        {
            // SQLite: the transaction takes the database's write lock (BEGIN IMMEDIATE), so claimers go one at a time.
            // PostgreSQL: the row lock is taken by the query itself, and rows other claimers hold are skipped.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            session = await (otherProcesses.IsCrossProcess ? LockOldestClaimablePostgres(now) : OldestClaimable(now)).FirstOrDefaultAsync(cancellationToken);
            if (session is null)
            {
                return null;
            }

            claim(session);
            await db.SaveChangesAsync(cancellationToken);
            await otherProcesses.PublishAsync(db, session.Changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            db.ChangeTracker.Clear();
            throw new StorageBusyException("The database is busy with other writes.", ex);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        Published(session);
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
        Guid id, string workerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        // The lease is bookkeeping, not something a client sees: renewing it leaves Version (and the ETag) alone.
        await db.Sessions
            .Where(s => s.Id == id && s.Status == SessionStatus.Running && s.LeaseOwner == workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, leaseExpiresAt), cancellationToken) > 0;

    public Task<int> ExpireLeasesAsync(string ownerPrefix, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Bookkeeping, as a renewal is: Version (and the ETag) stay as they are.
        db.Sessions
            // Compared exactly (SQLite's LIKE, what StartsWith becomes, ignores case: HOST/0 is not host/0).
            .Where(s => s.Status == SessionStatus.Running && s.LeaseOwner != null &&
                        s.LeaseOwner.Substring(0, ownerPrefix.Length) == ownerPrefix && s.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, now), cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => SessionStatusExtensions.TerminalStatuses.Contains(s.Status) && s.UpdatedAt < cutoff)
            .OrderBy(s => s.UpdatedAt)
            .Select(s => s.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private async Task<bool> DeleteWhereAsync(Guid id, IQueryable<AnalysisSession> session, string? owner, CancellationToken cancellationToken)
    {
        // Dataset and results go with it (ON DELETE CASCADE); other processes hear of it at commit.
        bool erased;
        try
        {
            if (otherProcesses.IsCrossProcess)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                erased = await session.ExecuteDeleteAsync(cancellationToken) > 0;
                if (erased)
                {
                    await otherProcesses.PublishDeletedAsync(db, id, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                erased = await session.ExecuteDeleteAsync(cancellationToken) > 0;
            }
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            throw new StorageBusyException("The database is busy with other writes.", ex);
        }

        if (erased)
        {
            recent.Drop(id);
            publisher.PublishDeleted(id, owner);
        }

        return erased;
    }

    private async Task SaveChangesAsync(AnalysisSession session, CancellationToken cancellationToken)
    {
        try
        {
            if (otherProcesses.IsCrossProcess)
            {
                // The announcement goes in the same transaction as the change: its own, or the caller's if one is open.
                await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                await db.SaveChangesAsync(cancellationToken);
                await otherProcesses.PublishAsync(db, session.Changes, cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Leave the context clean for whatever the caller does next (read again, try the next session).
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException($"Session {session.Id} was changed or deleted by someone else.", ex);
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            db.ChangeTracker.Clear();
            throw new StorageBusyException("The database is busy with other writes.", ex);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        Published(session);
    }

    /// <summary>After a commit: the aggregate's changes, announced in this process once.</summary>
    private void Published(AnalysisSession session)
    {
        publisher.Publish(session.Changes);
        session.ClearChanges();
    }
}
