using Analysis.Application.Abstractions;

namespace Analysis.Infrastructure.Workers;

/// <summary>Wakes idle workers of this process when a session is created; they also poll, for other processes' work.</summary>
public sealed class WorkSignal : IWorkSignal, IDisposable
{
    private const int MaxPendingSignals = 1024;

    private readonly SemaphoreSlim _semaphore = new(0, MaxPendingSignals);

    public void Notify()
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
