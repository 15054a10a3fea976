using Microsoft.Extensions.Options;

namespace Analysis.Application.Common;

/// <summary>
/// The memory that request bodies and parsed datasets may take at once, across all requests
/// (<c>Analysis:MemoryBudgetBytes</c>). A request reserves what it will hold before it allocates it: what is
/// free is taken at once; otherwise the request waits its turn (first come, first served) for up to
/// <c>Analysis:MemoryWaitSeconds</c>, then is refused with 503 and <c>Retry-After</c>. So many large uploads at once
/// queue or are refused; they cannot take the process to gigabytes (ADR-0010).
/// </summary>
public sealed class MemoryBudget(IOptions<AnalysisOptions> options)
{
    private const int RetryAfterSeconds = 5;

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _reserved;

    public long TotalBytes => options.Value.MemoryBudgetBytes;

    public long ReservedBytes
    {
        get
        {
            lock (_lock)
            {
                return _reserved;
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> (at most the whole budget: one request larger than it runs alone); dispose
    /// the result to give them back.
    /// </summary>
    public async ValueTask<IDisposable> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        var amount = Math.Clamp(bytes, 0, TotalBytes);
        Waiter waiter;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _reserved + amount <= TotalBytes)
            {
                _reserved += amount;
                return new Reservation(this, amount);
            }

            waiter = new Waiter(amount);
            waiter.Node = _waiters.AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(TimeSpan.FromSeconds(options.Value.MemoryWaitSeconds), cancellationToken);
            return new Reservation(this, amount);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.Granted.Task.IsCompletedSuccessfully)
                {
                    // Granted just as the wait ended: give it back.
                    Release(amount);
                }
                else
                {
                    _waiters.Remove(waiter.Node!);
                    GrantWaiting();
                }
            }

            if (ex is TimeoutException)
            {
                throw new ServiceUnavailableException(
                    "The service is reading as many large requests as its memory allows; try again shortly.", RetryAfterSeconds);
            }

            throw;
        }
    }

    private void Release(long amount)
    {
        lock (_lock)
        {
            _reserved -= amount;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiters.First is { } first && _reserved + first.Value.Bytes <= TotalBytes)
        {
            _waiters.RemoveFirst();
            _reserved += first.Value.Bytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }

    private sealed class Reservation(MemoryBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
