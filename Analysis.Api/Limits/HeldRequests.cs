using System.Collections.Concurrent;

namespace Analysis.Api.Limits;

/// <summary>
/// Counts the requests the service holds open — long polls and event streams — in all and per owner, so that
/// neither one client's many tabs nor everyone together can hold every connection; past a limit the request is
/// refused with 503 and <c>Retry-After</c> instead of held. Also the one place that knows shutdown has begun:
/// held requests end then, so the host need not wait them out.
/// </summary>
public sealed class HeldRequests(IOptions<LimitsOptions> options, IHostApplicationLifetime lifetime)
{
    private const int RetryAfterSeconds = 5;

    private readonly ConcurrentDictionary<string, int> _byOwner = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Cancelled when the service starts shutting down.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public int Count => Volatile.Read(ref _total);

    /// <summary>A slot for one held request of <paramref name="owner"/>; dispose it when the request ends.</summary>
    public IDisposable Enter(string owner)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.MaxHeldRequests)
        {
            Interlocked.Decrement(ref _total);
            throw new ServiceUnavailableException(
                "The service holds as many long polls and event streams as it can; poll without ?wait or try again shortly.", RetryAfterSeconds);
        }

        if (_byOwner.AddOrUpdate(owner, 1, (_, n) => n + 1) > limits.MaxHeldRequestsPerOwner)
        {
            Leave(owner);
            throw new ServiceUnavailableException(
                $"Too many long polls and event streams open for this key's owner (at most {limits.MaxHeldRequestsPerOwner}).", RetryAfterSeconds);
        }

        return new Slot(this, owner);
    }

    private void Leave(string owner)
    {
        Interlocked.Decrement(ref _total);
        while (_byOwner.TryGetValue(owner, out var n))
        {
            if (n <= 1 ? _byOwner.TryRemove(new KeyValuePair<string, int>(owner, n)) : _byOwner.TryUpdate(owner, n - 1, n))
            {
                return;
            }
        }
    }

    private sealed class Slot(HeldRequests owner, string name) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(name);
            }
        }
    }
}
