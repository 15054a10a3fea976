namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// The status read: a compiled primary-key query without tracking on a pooled context rented for this read only
/// (results and dataset live in their own tables and are never loaded here).
/// </summary>
public sealed class SessionStatusReader(IDbContextFactory<AnalysisDbContext> contexts) : ISessionStatusReader
{
    public Task<AnalysisSession?> ReadAsync(Guid sessionId, string owner, CancellationToken cancellationToken) =>
        StorageReads.ReadAsync(async () =>
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            return await CompiledQueries.OwnedSessionById(context, sessionId, owner, cancellationToken);
        });
}
