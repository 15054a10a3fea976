using Analysis.Application.Sessions.Changes;
using Analysis.Infrastructure.Changes;
using Analysis.Infrastructure.Datasets;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// What every write of a session does, whoever asks for it (a caller's command, a worker, retention): the changes
/// the aggregate recorded are published to other processes from inside the write's transaction
/// (<see cref="ICrossProcessPublisher"/>: PostgreSQL NOTIFY, delivered at commit), and in this process once it has
/// committed (<see cref="SessionChangePublisher"/>); a failure becomes what the caller acts on
/// (<see cref="StorageErrors.Translate"/>). A delete that finds the disk full is tried again in the room the
/// <see cref="DatabaseReserve"/> kept for it.
/// </summary>
public sealed class SessionWrites(
    AnalysisDbContext db, SessionChangePublisher publisher, ICrossProcessPublisher otherProcesses, RecentDatasets recent, ColumnCache cache,
    DatabaseReserve reserve)
{
    public AnalysisDbContext Db => db;

    /// <summary>True when other processes share the database (PostgreSQL).</summary>
    public bool IsCrossProcess => otherProcesses.IsCrossProcess;

    /// <summary>Saves a tracked session, publishing its changes; in the caller's transaction when one is open.</summary>
    public async Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            if (otherProcesses.IsCrossProcess)
            {
                // The publication goes in the same transaction as the change: its own, or the caller's if one is open.
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
        catch (Exception ex) when (StorageErrors.IsConflictOrBusy(ex))
        {
            throw StorageErrors.Translate(db, ex, session.Id);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        Published(session);
    }

    /// <summary>Publishes, within the current transaction, the changes of a session the caller saved itself.</summary>
    public Task PublishInTransactionAsync(AnalysisSession session, CancellationToken cancellationToken) =>
        otherProcesses.PublishAsync(db, session.Changes, cancellationToken);

    /// <summary>After a commit: the aggregate's changes, published in this process once.</summary>
    public void Published(AnalysisSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        publisher.Publish(session.Changes);
        session.ClearChanges();
    }

    /// <summary>
    /// Erases the session the query finds (its results go with it: ON DELETE CASCADE; its idempotency key too, so that
    /// the same request is a new session; and its dataset when a session's inline upload made it and no other session
    /// uses it), and publishes the deletion: to other processes at commit, and here to <paramref name="owner"/>'s
    /// polls, when known.
    /// </summary>
    public async Task<bool> EraseAsync(Guid id, IQueryable<AnalysisSession> session, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        Guid? datasetErased = null;
        var erased = await DeletingAsync(async () =>
        {
            datasetErased = null;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var datasetId = await session.Select(s => (Guid?)s.DatasetId).FirstOrDefaultAsync(cancellationToken);
            var found = datasetId is not null && await session.ExecuteDeleteAsync(cancellationToken) > 0;
            if (found)
            {
                await db.IdempotencyKeys.Where(k => k.SessionId == id).ExecuteDeleteAsync(cancellationToken);
                if (await db.Datasets.IgnoreQueryFilters()
                        .Where(d => d.Id == datasetId && !d.Kept && !db.Sessions.IgnoreQueryFilters().Any(s => s.DatasetId == datasetId))
                        .ExecuteDeleteAsync(cancellationToken) > 0)
                {
                    datasetErased = datasetId;
                }

                await otherProcesses.PublishDeletedAsync(db, id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return found;
        }, id);

        if (erased)
        {
            Forget(datasetErased ?? id);
            publisher.PublishDeleted(id, owner);
        }

        return erased;
    }

    /// <summary>What this process holds in memory of a dataset that is gone (or of a session's own hand-off).</summary>
    public void Forget(Guid datasetId)
    {
        recent.Drop(datasetId);
        cache.Drop(datasetId);
    }

    /// <summary>
    /// Runs a delete; one that finds the disk full is tried once more after the reserve is released (SQLite needs room
    /// to delete: ADR-0019). What still fails becomes what the caller acts on (<see cref="StorageErrors.Translate"/>).
    /// </summary>
    public async Task<T> DeletingAsync<T>(Func<Task<T>> delete, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(delete);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await delete();
            }
            catch (Exception ex) when (attempt == 1 && StorageErrors.IsFull(ex) && reserve.Path is not null)
            {
                db.ChangeTracker.Clear();
                reserve.Release();
            }
            catch (Exception ex) when (StorageErrors.IsBusyOrFull(ex))
            {
                throw StorageErrors.Translate(db, ex, sessionId);
            }
        }
    }
}
