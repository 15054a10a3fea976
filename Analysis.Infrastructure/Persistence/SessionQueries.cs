namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// EF Core behind the reads for callers: no tracking, only the caller's own sessions, and once more on a fresh
/// connection when the pooled one was dead (<see cref="StorageReads"/>).
/// </summary>
public sealed class SessionQueries(AnalysisDbContext db) : ISessionQueries
{
    public Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => CompiledQueries.OwnedSessionById(db, id, owner, cancellationToken));

    public Task<SessionPage> ListAsync(string owner, SessionStatus? status, Guid? datasetId, int page, int pageSize, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => ListOnceAsync(owner, status, datasetId, page, pageSize, cancellationToken));

    public Task<string?> GetResultsJsonAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => db.Results.AsNoTracking()
            .Where(r => r.SessionId == id && db.Sessions.Any(s => s.Id == id && s.Owner == owner))
            .Select(r => r.Json)
            .FirstOrDefaultAsync(cancellationToken));

    public Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(() => db.IdempotencyKeys.AsNoTracking()
            .Where(k => k.Owner == owner && k.Key == key && k.CreatedAt > since)
            .Select(k => new IdempotentCreate(
                k.SessionId, k.Fingerprint, db.Sessions.Where(s => s.Id == k.SessionId).Select(s => (SessionStatus?)s.Status).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken));

    private async Task<SessionPage> ListOnceAsync(
        string owner, SessionStatus? status, Guid? datasetId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Sessions.AsNoTracking().Where(x => x.Owner == owner);
        if (datasetId is { } dataset)
        {
            query = query.Where(x => x.DatasetId == dataset);
        }

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

}
