using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the aggregate's repository. Every successful write announces the session's new version to
/// <see cref="ISessionChangeNotifier"/>, which is what wakes long polls, event streams and running workers.
/// </summary>
public sealed class AnalysisSessionRepository(
    AnalysisDbContext db, ISessionChangeNotifier notifier, RecentDatasets recent, TimeProvider time)
    : IAnalysisSessionRepository
{
    public Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        CompiledQueries.OwnedSessionById(db, id, owner, cancellationToken);

    public Task<AnalysisSession?> GetForUpdateAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id && s.Owner == owner, cancellationToken);

    public Task<AnalysisSession?> GetForWorkerAsync(Guid id, CancellationToken cancellationToken) =>
        db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task AddAsync(AnalysisSession session, Dataset dataset, CancellationToken cancellationToken)
    {
        // Offered to this process's workers before the commit, so that a worker which claims the session the moment
        // it is committed finds it; taken back if the commit fails.
        recent.Put(session.Id, dataset);

        // One transaction; a column at a time, so only one column's bytes exist besides the dataset itself.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                db.Sessions.Add(session);
                await db.SaveChangesAsync(cancellationToken);
                for (var i = 0; i < dataset.Columns.Count; i++)
                {
                    var record = db.DatasetColumns.Add(new SessionDatasetColumnRecord(session.Id, i, ColumnBinaryFormat.Write(dataset.Columns[i])));
                    await db.SaveChangesAsync(cancellationToken);
                    record.State = EntityState.Detached;
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                recent.Take(session.Id);
                throw;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        notifier.Publish(session.Id, PollingAdvice.VersionOf(session, time.GetUtcNow()));
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
        DeleteWhereAsync(id, db.Sessions.Where(s => s.Id == id && s.Owner == owner), SessionVersion.DeletedFor(owner), cancellationToken);

    public Task<bool> EraseAsync(Guid id, CancellationToken cancellationToken) =>
        DeleteWhereAsync(id, db.Sessions.Where(s => s.Id == id), SessionVersion.Deleted, cancellationToken);

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

    public async Task<IReadOnlyList<Guid>> FindClaimableAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Pending ||
                        (s.Status == SessionStatus.Running && s.LeaseExpiresAt != null && s.LeaseExpiresAt <= now))
            .OrderBy(s => s.CreatedAt)
            .Select(s => s.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<bool> TryRenewLeaseAsync(
        Guid id, string workerId, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        // The lease is bookkeeping, not something a client sees: renewing it leaves Version (and the ETag) alone.
        await db.Sessions
            .Where(s => s.Id == id && s.Status == SessionStatus.Running && s.LeaseOwner == workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, leaseExpiresAt), cancellationToken) > 0;

    public Task<int> ExpireLeasesAsync(string ownerPrefix, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Bookkeeping, as a renewal is: Version (and the ETag) stay as they are.
        db.Sessions
            .Where(s => s.Status == SessionStatus.Running && s.LeaseOwner != null && s.LeaseOwner.StartsWith(ownerPrefix) &&
                        s.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseExpiresAt, now), cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => SessionStatusExtensions.TerminalStatuses.Contains(s.Status) && s.UpdatedAt < cutoff)
            .OrderBy(s => s.UpdatedAt)
            .Select(s => s.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private async Task<bool> DeleteWhereAsync(
        Guid id, IQueryable<AnalysisSession> session, SessionVersion deleted, CancellationToken cancellationToken)
    {
        // Dataset and results go with it (ON DELETE CASCADE).
        var erased = await session.ExecuteDeleteAsync(cancellationToken) > 0;
        if (erased)
        {
            recent.Take(id);
            notifier.Publish(id, deleted);
        }

        return erased;
    }

    private async Task SaveChangesAsync(AnalysisSession session, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Leave the context clean for whatever the caller does next (read again, try the next session).
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException($"Session {session.Id} was changed or deleted by someone else.", ex);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        notifier.Publish(session.Id, PollingAdvice.VersionOf(session, time.GetUtcNow()));
    }
}
