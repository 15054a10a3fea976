using Analysis.Infrastructure.Persistence.Configurations;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Housekeeping's storage (<c>Workers/RetentionService</c>): terminal sessions past their retention, idempotency keys
/// past their day, stores a dead process left unfinished. Every owner's.
/// </summary>
public sealed class SessionRetention(SessionWrites writes)
{
    private readonly AnalysisDbContext db = writes.Db;

    public async Task<IReadOnlyList<Guid>> FindExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        await db.Sessions.AsNoTracking()
            .Where(s => SessionStatusExtensions.TerminalStatuses.Contains(s.Status) && s.UpdatedAt < cutoff)
            .OrderBy(s => s.UpdatedAt)
            .Select(s => s.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Erases a session whatever its owner; false when there was none.</summary>
    public Task<bool> EraseAsync(Guid id, CancellationToken cancellationToken) =>
        writes.EraseAsync(id, db.Sessions.Where(s => s.Id == id), null, cancellationToken);

    /// <summary>Deletes, so on a full disk in the reserve's room as any delete (ADR-0019).</summary>
    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        writes.DeletingAsync(() => db.IdempotencyKeys.Where(k => k.CreatedAt <= before).ExecuteDeleteAsync(cancellationToken), Guid.Empty);

    /// <summary>Hidden sessions (stored before datasets were a resource) and datasets a dead process left half-written.</summary>
    public Task<int> EraseUnfinishedStoresAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        writes.DeletingAsync(
            async () =>
                await db.Sessions.IgnoreQueryFilters()
                    .Where(s => !EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty) && s.CreatedAt < startedBefore)
                    .ExecuteDeleteAsync(cancellationToken) +
                await db.Datasets.IgnoreQueryFilters()
                    .Where(d => !EF.Property<bool>(d, StoredDatasetConfiguration.StoredProperty) && d.CreatedAt < startedBefore &&
                                !db.Sessions.IgnoreQueryFilters().Any(s => s.DatasetId == d.Id))
                    .ExecuteDeleteAsync(cancellationToken),
            Guid.Empty);

    /// <summary>Datasets no session keeps that have not been used since <paramref name="cutoff"/>.</summary>
    public Task<int> EraseUnusedDatasetsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        writes.DeletingAsync(
            () => db.Datasets
                .Where(d => d.LastUsedAt < cutoff && !db.Sessions.IgnoreQueryFilters().Any(s => s.DatasetId == d.Id))
                .ExecuteDeleteAsync(cancellationToken),
            Guid.Empty);
}
