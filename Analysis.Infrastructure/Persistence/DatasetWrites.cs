using Analysis.Application.Common;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Persistence.Configurations;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// How a dataset is written, for a dataset upload and a session's inline upload alike: small ones in one transaction,
/// large ones hidden, their columns a few megabytes per transaction (ADR-0009), then made visible in one short
/// transaction that checks the owner's quota and does what the caller adds (a session's insert). Its content key is
/// set only there, so that of two uploads of the same content at once exactly one becomes visible. A write needs room
/// on the database's disk beyond its reserve for deletes (ADR-0019).
/// </summary>
public sealed class DatasetWrites(SessionWrites writes, RecentDatasets recent, DatabaseReserve reserve, StorageSpace space)
{
    private readonly AnalysisDbContext db = writes.Db;

    public AnalysisDbContext Db => db;

    /// <summary>No write while the disk cannot keep the reserve for deletes and <c>Analysis:MinFreeDiskBytes</c> more.</summary>
    public async Task EnsureRoomAsync(CancellationToken cancellationToken)
    {
        if (!await reserve.EnsureAsync(cancellationToken) || !space.HasRoom(StorageArea.Database))
        {
            throw new StorageFullException(StorageArea.Database);
        }
    }

    /// <summary>
    /// Stores the dataset; <paramref name="inTheVisibleTransaction"/> runs inside the transaction that makes it
    /// visible. False when the owner's same content became visible first (nothing of this one is stored then).
    /// Offered to this process's workers (<see cref="RecentDatasets"/>) before the commit; taken back on failure.
    /// </summary>
    public async Task<bool> StoreAsync(
        StoredDataset dataset, Dataset data, long ownerByteLimit, Func<Task>? inTheVisibleTransaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(data);
        var parts = DatasetParts.Of(dataset.Id, data);
        dataset.RecordStoredBytes(parts.TotalBytes);
        recent.Put(dataset.Id, data);
        var hidden = false;
        var visible = false;
        try
        {
            if (parts.TotalBytes <= DatasetParts.TransactionBytes)
            {
                // Small: one transaction. The owner's turn is taken first (on PostgreSQL, when the content has a key:
                // the same content must not become visible twice), then the rows, then the quota's check.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await SameContentStoredAsync(dataset, cancellationToken))
                {
                    recent.Drop(dataset.Id);
                    return false;
                }

                Track(dataset, stored: true);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await WritePartsAsync(parts, cancellationToken);
                await AdmitAsync(dataset, ownerByteLimit, cancellationToken);
                if (inTheVisibleTransaction is not null)
                {
                    await inTheVisibleTransaction();
                }

                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                // Hidden without its content key (set with the reveal); the entity keeps its own.
                var key = dataset.ContentKey;
                var entry = Track(dataset, stored: false);
                entry.Property(d => d.ContentKey).CurrentValue = null;
                hidden = true;
                await db.SaveChangesAsync(cancellationToken);
                entry.Property(d => d.ContentKey).CurrentValue = key;
                db.ChangeTracker.Clear();
                await WritePartsAsync(parts, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await SameContentStoredAsync(dataset, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    await EraseHiddenAsync(dataset.Id);
                    hidden = false;
                    recent.Drop(dataset.Id);
                    return false;
                }

                await AdmitAsync(dataset, ownerByteLimit, cancellationToken);
                await db.Datasets.IgnoreQueryFilters().Where(d => d.Id == dataset.Id)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(d => EF.Property<bool>(d, StoredDatasetConfiguration.StoredProperty), true)
                        .SetProperty(d => d.ContentKey, key), cancellationToken);
                if (inTheVisibleTransaction is not null)
                {
                    await inTheVisibleTransaction();
                }

                await transaction.CommitAsync(cancellationToken);
            }

            visible = true;
            return true;
        }
        catch (Exception ex)
        {
            recent.Drop(dataset.Id);
            db.ChangeTracker.Clear();
            if (hidden && !visible)
            {
                await EraseHiddenAsync(dataset.Id);
            }

            if (dataset.ContentKey is not null && StorageErrors.IsUniqueViolation(ex) &&
                await db.Datasets.AnyAsync(d => d.Owner == dataset.Owner && d.ContentKey == dataset.ContentKey, CancellationToken.None))
            {
                return false;
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Whether the owner's same content is visible already (a request at the same moment stored it), asked inside the
    /// transaction after the owner's turn is taken: said so, not by a unique violation the database and EF log as an error.
    /// </summary>
    private async Task<bool> SameContentStoredAsync(StoredDataset dataset, CancellationToken cancellationToken)
    {
        if (dataset.ContentKey is not { } key)
        {
            return false;
        }

        await TakeOwnersTurnAsync(dataset.Owner, cancellationToken);
        return await db.Datasets.AnyAsync(d => d.Owner == dataset.Owner && d.ContentKey == key, cancellationToken);
    }

    /// <summary>The owner's quota, inside the transaction that makes the dataset visible.</summary>
    private async Task AdmitAsync(StoredDataset dataset, long ownerByteLimit, CancellationToken cancellationToken)
    {
        await TakeOwnersTurnAsync(dataset.Owner, cancellationToken);
        if (ownerByteLimit > 0)
        {
            var stored = await db.Datasets.Where(d => d.Owner == dataset.Owner && d.Id != dataset.Id) // not itself, if already inserted
                .SumAsync(d => d.Bytes, cancellationToken);
            if (stored + dataset.Bytes > ownerByteLimit)
            {
                throw new StorageQuotaExceededException(stored, dataset.Bytes, ownerByteLimit);
            }
        }
    }

    /// <summary>
    /// Under READ COMMITTED two concurrent writes would not see each other's bytes or keys: on PostgreSQL the owner's
    /// admissions take turns (a transaction-scoped advisory lock per owner). SQLite's write lock does that already.
    /// </summary>
    public async Task TakeOwnersTurnAsync(string owner, CancellationToken cancellationToken)
    {
        if (writes.IsCrossProcess)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({owner}))", cancellationToken);
        }
    }

    private Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<StoredDataset> Track(StoredDataset dataset, bool stored)
    {
        var entry = db.Datasets.Add(dataset);
        entry.Property<bool>(StoredDatasetConfiguration.StoredProperty).CurrentValue = stored;
        return entry;
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

    /// <summary>The parts a failed write stored; on a full disk in the reserve's room, as any delete.</summary>
    private async Task EraseHiddenAsync(Guid id)
    {
        try
        {
            await writes.DeletingAsync(
                () => db.Datasets.IgnoreQueryFilters()
                    .Where(d => d.Id == id && !EF.Property<bool>(d, StoredDatasetConfiguration.StoredProperty))
                    .ExecuteDeleteAsync(CancellationToken.None),
                id);
        }
        catch (Exception ex) when (ex is StorageBusyException or StorageFullException)
        {
            // Retention erases unfinished stores later.
        }
    }
}
