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

    /// <summary>
    /// Raised (outside the budget's lock) when a reservation has to wait: holders of memory that can be given back
    /// at will — the dataset hand-off — give it back, so that no one waits on memory kept only as a convenience.
    /// </summary>
    public event Action? Pressed;

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

    /// <summary>A reservation of nothing, for what needs no memory from the budget.</summary>
    public static IDisposable Nothing { get; } = new NoReservation();

    /// <summary>Reserves <paramref name="bytes"/> if they are free now, without waiting; null otherwise.</summary>
    public IDisposable? TryReserve(long bytes)
    {
        var amount = Math.Clamp(bytes, 0, TotalBytes);
        lock (_lock)
        {
            if (_waiters.Count > 0 || _reserved + amount > TotalBytes)
            {
                return null;
            }

            _reserved += amount;
            return new Reservation(this, amount);
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> (at most the whole budget: one request larger than it runs alone); dispose
    /// the result to give them back. Waits its turn for at most <paramref name="wait"/> (by default
    /// <c>Analysis:MemoryWaitSeconds</c>), then throws <see cref="ServiceUnavailableException"/>.
    /// </summary>
    public async ValueTask<IDisposable> ReserveAsync(long bytes, CancellationToken cancellationToken, TimeSpan? wait = null)
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

        Pressed?.Invoke();

        try
        {
            await waiter.Granted.Task.WaitAsync(wait ?? TimeSpan.FromSeconds(options.Value.MemoryWaitSeconds), cancellationToken);
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

    private sealed class NoReservation : IDisposable
    {
        public void Dispose()
        {
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
