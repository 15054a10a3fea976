using Analysis.Infrastructure.Datasets;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind a caller's stored datasets: store once per content, find by content, delete (with sessions). A
/// dataset just stored leaves its columns in this process's column cache (while it has room), so that the sessions
/// made on it next — their plan checks and their runs — read nothing from the database.
/// </summary>
public sealed class DatasetRepository(DatasetWrites datasets, SessionWrites sessions, ColumnCache cache) : IDatasetRepository
{
    private readonly AnalysisDbContext db = datasets.Db;

    public async Task<DatasetAddition> AddAsync(StoredDataset dataset, Dataset data, long ownerByteLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        await datasets.EnsureRoomAsync(cancellationToken);
        try
        {
            if (await datasets.StoreAsync(dataset, data, ownerByteLimit, null, cancellationToken))
            {
                for (var ordinal = 0; ordinal < data.Columns.Count; ordinal++)
                {
                    cache.Put(dataset.Id, ordinal, data.Columns[ordinal]);
                }

                return new DatasetAddition(dataset, Created: true);
            }
        }
        catch (Exception ex) when (StorageErrors.IsBusyOrFull(ex))
        {
            throw StorageErrors.Translate(db, ex, dataset.Id);
        }

        var existing = await FindByContentAsync(dataset.Owner, dataset.ContentKey!, cancellationToken)
                       ?? throw new InvalidOperationException("A dataset's content was taken and then not found.");
        if (dataset.Kept && !existing.Kept)
        {
            await KeepAsync(existing.Id, cancellationToken);
        }

        return new DatasetAddition(existing, Created: false);
    }

    public Task KeepAsync(Guid id, CancellationToken cancellationToken) =>
        db.Datasets.Where(d => d.Id == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.Kept, true), cancellationToken);

    public Task<StoredDataset?> FindByContentAsync(string owner, string contentKey, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => db.Datasets.AsNoTracking().FirstOrDefaultAsync(d => d.Owner == owner && d.ContentKey == contentKey, cancellationToken));

    public async Task<DatasetDeletion> DeleteAsync(Guid id, string owner, bool withSessions, CancellationToken cancellationToken)
    {
        if (!await db.Datasets.AnyAsync(d => d.Id == id && d.Owner == owner, cancellationToken))
        {
            return new DatasetDeletion(DatasetDeletionOutcome.NotFound);
        }

        var ofIt = db.Sessions.Where(s => s.DatasetId == id && s.Owner == owner);
        if (await ofIt.AnyAsync(s => !SessionStatusExtensions.TerminalStatuses.Contains(s.Status), cancellationToken))
        {
            return new DatasetDeletion(DatasetDeletionOutcome.InUse);
        }

        var count = await ofIt.CountAsync(cancellationToken);
        if (count > 0 && !withSessions)
        {
            return new DatasetDeletion(DatasetDeletionOutcome.HasSessions, count);
        }

        // Its sessions as a session delete erases them (their polls and other processes are told), then the dataset,
        // in a transaction that checks again that nothing was made on it meanwhile.
        foreach (var sessionId in await ofIt.Select(s => s.Id).ToListAsync(cancellationToken))
        {
            await sessions.EraseAsync(sessionId, db.Sessions.Where(s => s.Id == sessionId && s.Owner == owner), owner, cancellationToken);
        }

        var outcome = await sessions.DeletingAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await datasets.TakeOwnersTurnAsync(owner, cancellationToken);
            if (await db.Sessions.IgnoreQueryFilters().AnyAsync(s => s.DatasetId == id, cancellationToken))
            {
                return new DatasetDeletion(DatasetDeletionOutcome.InUse);
            }

            var deleted = await db.Datasets.IgnoreQueryFilters().Where(d => d.Id == id && d.Owner == owner).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // A dataset a session's inline upload made went with the last of its sessions, above.
            return new DatasetDeletion(deleted > 0 || count > 0 ? DatasetDeletionOutcome.Deleted : DatasetDeletionOutcome.NotFound, count);
        }, id);
        if (outcome.Outcome == DatasetDeletionOutcome.Deleted)
        {
            sessions.Forget(id);
        }

        return outcome;
    }
}
