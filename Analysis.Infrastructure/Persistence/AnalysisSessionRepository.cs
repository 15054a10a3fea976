using Analysis.Infrastructure.Persistence.Configurations;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the aggregate's repository: a caller's create, change and delete of their own sessions. Every
/// write publishes the changes the aggregate recorded (<see cref="SessionWrites"/>); it knows nothing of polling. A
/// create needs room on the database's disk beyond its reserve for deletes (ADR-0019).
/// </summary>
public sealed class AnalysisSessionRepository(SessionWrites writes, DatasetWrites datasets, TimeProvider time) : IAnalysisSessionRepository
{
    private readonly AnalysisDbContext db = writes.Db;

    public Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);

    public async Task AddAsync(AnalysisSession session, Dataset dataset, SessionAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(admission);
        await datasets.EnsureRoomAsync(cancellationToken);
        var record = admission.Dataset ?? StoredDataset.Create(
            session.Owner, session.Name, "csv", dataset.Schema, 0, null, null, StoredDataset.DefaultNaStrings, kept: false, time, session.DatasetId);
        if (record.Id != session.DatasetId || record.Owner != session.Owner)
        {
            throw new ArgumentException("The session's dataset is not the one described.", nameof(admission));
        }

        try
        {
            if (!await datasets.StoreAsync(record, dataset, admission.OwnerByteLimit, () => InsertAsync(session, admission, cancellationToken), cancellationToken))
            {
                var existing = await datasets.Db.Datasets.AsNoTracking()
                    .Where(d => d.Owner == record.Owner && d.ContentKey == record.ContentKey)
                    .Select(d => d.Id).FirstAsync(CancellationToken.None);
                throw new DatasetStoredMeanwhileException(existing);
            }
        }
        catch (Exception ex) when (ex is not DatasetStoredMeanwhileException && Translated(session, admission, ex) is var translated && translated != ex)
        {
            throw translated;
        }

        writes.Published(session);
    }

    public async Task AddOnStoredDatasetAsync(AnalysisSession session, SessionAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(admission);
        await datasets.EnsureRoomAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await datasets.TakeOwnersTurnAsync(session.Owner, cancellationToken);
            var used = await db.Datasets.Where(d => d.Id == session.DatasetId && d.Owner == session.Owner)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastUsedAt, time.GetUtcNow()), cancellationToken);
            if (used == 0)
            {
                throw new DatasetNotFoundException();
            }

            await InsertAsync(session, admission, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsForeignKeyViolation(ex))
        {
            // A dataset deleted between the update and the insert (PostgreSQL) breaks the session's foreign key.
            throw new DatasetNotFoundException();
        }
        catch (Exception ex) when (ex is not DatasetNotFoundException && Translated(session, admission, ex) is var translated && translated != ex)
        {
            throw translated;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        writes.Published(session);
    }

    /// <summary>The session's row (visible) and the admission's key, in the caller's transaction.</summary>
    private async Task InsertAsync(AnalysisSession session, SessionAdmission admission, CancellationToken cancellationToken)
    {
        var entry = db.Sessions.Add(session);
        entry.Property<bool>(AnalysisSessionConfiguration.StoredProperty).CurrentValue = true;
        await db.SaveChangesAsync(cancellationToken);
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

        await writes.PublishInTransactionAsync(session, cancellationToken);
    }

    private Exception Translated(AnalysisSession session, SessionAdmission admission, Exception ex)
    {
        db.ChangeTracker.Clear();
        if (ex is DbUpdateException && admission.Key is { } key && StorageErrors.IsUniqueViolation(ex))
        {
            return new IdempotencyKeyTakenException(key.Key);
        }

        return StorageErrors.IsBusyOrFull(ex) ? StorageErrors.Translate(db, ex, session.Id) : ex;
    }

    public Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken) => writes.SaveAsync(session, cancellationToken);

    public Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        writes.EraseAsync(id, db.Sessions.Where(s => s.Id == id && s.Owner == owner), owner, cancellationToken);
}
