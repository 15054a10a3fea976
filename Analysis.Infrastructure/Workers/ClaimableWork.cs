namespace Analysis.Infrastructure.Workers;

/// <summary>Wakes idle workers of this process when there is a session to claim; they also look at intervals, for other processes' work.</summary>
public sealed class ClaimableWork : IClaimableWork, IDisposable
{
    private const int MaxPendingSignals = 1024;

    private readonly SemaphoreSlim _semaphore = new(0, MaxPendingSignals);

    public void Publish()
    {
        if (_semaphore.CurrentCount < MaxPendingSignals)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Enough wake-ups are queued already.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
