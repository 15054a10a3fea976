using Analysis.Application.Abstractions;

namespace Analysis.Tests.Api;

/// <summary>Counts the database reads the status path makes, around the real reader.</summary>
internal sealed class CountingStatusReader(ISessionStatusReader inner) : ISessionStatusReader
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<AnalysisSession?> ReadAsync(Guid sessionId, string owner, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(sessionId, owner, cancellationToken);
    }
}
