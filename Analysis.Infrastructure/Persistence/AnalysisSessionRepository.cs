using Analysis.Application.Common;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Persistence.Configurations;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the aggregate's repository: a caller's create, change and delete of their own sessions. Every
/// write publishes the changes the aggregate recorded (<see cref="SessionWrites"/>); it knows nothing of polling. A
/// create needs room on the database's disk beyond its reserve for deletes (ADR-0019).
/// </summary>
public sealed class AnalysisSessionRepository(
    SessionWrites writes, RecentDatasets recent, TimeProvider time, DatabaseReserve reserve, StorageSpace space) : IAnalysisSessionRepository
{
    private readonly AnalysisDbContext db = writes.Db;

    public Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);

    public async Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(admission);

        // Room first: no create while the disk cannot keep the reserve for deletes and Analysis:MinFreeDiskBytes more,
        // so that what room is left goes to deletes and to running sessions' results.
        if (!await reserve.EnsureAsync(cancellationToken) || !space.HasRoom(StorageArea.Database))
        {
            throw new StorageFullException(StorageArea.Database);
        }

        // Offered to this process's workers before the commit, so that a worker which claims the session the moment
        // it is committed finds it; taken back if storing fails.
        recent.Put(session.Id, dataset);
        var hidden = false; // a hidden session may be stored, which a failure must erase
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
                await writes.PublishInTransactionAsync(session, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                visible = true;
            }
            else
            {
                // Large: hidden first, the parts a few megabytes per transaction (a writer never holds the database's
                // write lock for long), then made visible in one short transaction that checks the admission.
                Track(session, stored: false, parts.TotalBytes);
                hidden = true;
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await WritePartsAsync(parts, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await AdmitAsync(session, parts.TotalBytes, admission, cancellationToken);
                await db.Sessions.IgnoreQueryFilters().Where(s => s.Id == session.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty), true), cancellationToken);
                await writes.PublishInTransactionAsync(session, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                visible = true;
            }
        }
        catch (Exception ex)
        {
            recent.Drop(session.Id);
            db.ChangeTracker.Clear();
            if (hidden && !visible)
            {
                await EraseHiddenAsync(session.Id);
            }

            if (ex is DbUpdateException && admission.Key is { } key && StorageErrors.IsUniqueViolation(ex))
            {
                throw new IdempotencyKeyTakenException(key.Key);
            }

            if (StorageErrors.IsBusyOrFull(ex))
            {
                throw StorageErrors.Translate(db, ex, session.Id);
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        writes.Published(session);
    }

    /// <summary>The admission's checks, inside the transaction that makes the session visible.</summary>
    private async Task AdmitAsync(AnalysisSession session, long datasetBytes, SessionAdmission admission, CancellationToken cancellationToken)
    {
        // Under READ COMMITTED two concurrent creates would not see each other's bytes or keys: on PostgreSQL the owner's
        // admissions take turns (a transaction-scoped advisory lock per owner). SQLite's write lock does that already.
        if (writes.IsCrossProcess && (admission.OwnerByteLimit > 0 || admission.Key is not null))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({session.Owner}))", cancellationToken);
        }

        if (admission.OwnerByteLimit > 0)
        {
            var stored = await db.Sessions.Where(s => s.Owner == session.Owner && s.Id != session.Id) // not itself, if already inserted
                .SumAsync(s => EF.Property<long>(s, AnalysisSessionConfiguration.DatasetBytesProperty), cancellationToken);
            if (stored + datasetBytes > admission.OwnerByteLimit)
            {
                throw new StorageQuotaExceededException(stored, datasetBytes, admission.OwnerByteLimit);
            }
        }

        if (admission.Key is { } key)
        {
            // A key older than its lifetime is free again. A live one was taken by a request that got here first (the
            // owner's admissions take turns): said as such, not by a unique violation that the database and EF would
            // log as an error.
            var now = time.GetUtcNow();
            await db.IdempotencyKeys.Where(k => k.Owner == session.Owner && k.Key == key.Key && k.CreatedAt <= now - IdempotencyKey.Lifetime)
                .ExecuteDeleteAsync(cancellationToken);
            if (await db.IdempotencyKeys.AnyAsync(k => k.Owner == session.Owner && k.Key == key.Key, cancellationToken))
            {
                throw new IdempotencyKeyTakenException(key.Key);
            }

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

    /// <summary>The parts a failed create stored; on a full disk in the reserve's room, as any delete.</summary>
    private async Task EraseHiddenAsync(Guid id)
    {
        try
        {
            await writes.DeletingAsync(
                () => db.Sessions.IgnoreQueryFilters()
                    .Where(s => s.Id == id && !EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty))
                    .ExecuteDeleteAsync(CancellationToken.None),
                id);
        }
        catch (Exception ex) when (ex is StorageBusyException or StorageFullException)
        {
            // Retention erases unfinished stores later.
        }
    }

    public Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken) => writes.SaveAsync(session, cancellationToken);

    public Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        writes.EraseAsync(id, db.Sessions.Where(s => s.Id == id && s.Owner == owner), owner, cancellationToken);
}
