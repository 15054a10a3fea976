namespace Analysis.Infrastructure.Persistence;

/// <summary>EF Core behind the reads for callers: no tracking, and only the caller's own sessions.</summary>
public sealed class SessionQueries(AnalysisDbContext db) : ISessionQueries
{
    public Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        CompiledQueries.OwnedSessionById(db, id, owner, cancellationToken);

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

    public async Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken) =>
        await db.IdempotencyKeys.AsNoTracking()
            .Where(k => k.Owner == owner && k.Key == key && k.CreatedAt > since)
            .Select(k => new IdempotentCreate(
                k.SessionId, k.Fingerprint, db.Sessions.Where(s => s.Id == k.SessionId).Select(s => (SessionStatus?)s.Status).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken);
}
