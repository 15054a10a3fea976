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

    public Task<int> EraseUnfinishedStoresAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken) =>
        writes.DeletingAsync(
            () => db.Sessions.IgnoreQueryFilters()
                .Where(s => !EF.Property<bool>(s, AnalysisSessionConfiguration.StoredProperty) && s.CreatedAt < startedBefore)
                .ExecuteDeleteAsync(cancellationToken),
            Guid.Empty);
}
