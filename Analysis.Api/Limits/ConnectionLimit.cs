using Microsoft.AspNetCore.Connections;

namespace Analysis.Api.Limits;

/// <summary>
/// Caps open connections so that the process never runs out of file descriptors. Running out used to end it with
/// "Out of memory." and no log line: the runtime could not open what it needed (an assembly, <c>/proc/meminfo</c>, a
/// new thread's pipe) while Kestrel's accept loop spun on EMFILE. The cap is <c>Limits:MaxConnections</c> or, unset,
/// what the open-file limit leaves once the server has started (<see cref="DescriptorBudget"/>), said in one line at
/// start. One more connection is closed at once; refusals are logged at most once a minute, with their count.
/// </summary>
public sealed class ConnectionLimit : IDisposable
{
    /// <summary>Where the open-file limit cannot be read (no <c>/proc</c>), and no cap is configured.</summary>
    public const int FallbackMax = 10_000;

    internal static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly int? _configured;
    private readonly ILogger<ConnectionLimit> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenRegistration _started;
    private int _max;
    private int _open;
    private long _refused; // since the last line, under _gate
    private ITimer? _nextLine; // set while refusals are being counted for a line at the end of the minute

    public ConnectionLimit(IOptions<LimitsOptions> options, ILogger<ConnectionLimit> logger, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _configured = options.Value.MaxConnections;
        _logger = logger;
        _time = time;

        // Made when Kestrel is, before the hosted services start: a first measure, for a connection accepted before
        // the host says it has started; the cap is measured again then, with everything open that start opens.
        _max = _configured ?? DescriptorBudget.Measure()?.Connections ?? FallbackMax;
        _started = lifetime.ApplicationStarted.Register(() => Measure(DescriptorBudget.Measure()));
    }

    public int Max => Volatile.Read(ref _max);

    public int Open => Volatile.Read(ref _open);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (Interlocked.Increment(ref _open) > Max)
        {
            Interlocked.Decrement(ref _open);
            Refused(connection);
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };

    /// <summary>Sets the cap from <paramref name="budget"/> (null: unknown) unless one is configured, and says it.</summary>
    internal void Measure(DescriptorBudget? budget)
    {
        if (budget is not { } b)
        {
            Volatile.Write(ref _max, _configured ?? FallbackMax);
            _logger.LogInformation(
                "Connections: at most {MaxConnections} ({Source}); the open-file limit could not be read (no /proc)",
                Max, _configured is null ? "the fixed default" : "Limits:MaxConnections");
            return;
        }

        if (_configured is { } configured)
        {
            if (configured > b.Free)
            {
                _logger.LogWarning(
                    "Limits:MaxConnections is {MaxConnections}, but only {Free} descriptors are free for connections (the open-file limit {SoftLimit} less {Held} held at start less a margin of {Margin}): past that many connections the process can run out of descriptors and end. Raise the open-file limit (ulimit -n) or lower Limits:MaxConnections.",
                    configured, Math.Max(0, b.Free), b.SoftLimit, b.Held, b.Margin);
            }
            else
            {
                _logger.LogInformation(
                    "Connections: at most {MaxConnections} (Limits:MaxConnections); {Free} descriptors are free for them (the open-file limit {SoftLimit} less {Held} held at start less a margin of {Margin})",
                    configured, b.Free, b.SoftLimit, b.Held, b.Margin);
            }

            return;
        }

        Volatile.Write(ref _max, b.Connections);
        if (b.AtFloor)
        {
            _logger.LogWarning(
                "Connections: at most {MaxConnections}, more than the open-file limit {SoftLimit} leaves room for ({Held} held at start and a margin of {Margin}); raise it (ulimit -n)",
                b.Connections, b.SoftLimit, b.Held, b.Margin);
        }
        else
        {
            _logger.LogInformation(
                "Connections: at most {MaxConnections}, the open-file limit {SoftLimit} less {Held} descriptors held at start less a margin of {Margin}",
                b.Connections, b.SoftLimit, b.Held, b.Margin);
        }
    }

    public void Dispose()
    {
        _started.Dispose();
        lock (_gate)
        {
            _nextLine?.Dispose();
            _nextLine = null;
        }
    }

    /// <summary>
    /// Closes the connection. The first refusal after a quiet minute is logged at once; the ones after it are counted
    /// and logged as one line a minute later (and so on each minute while they go on).
    /// </summary>
    private void Refused(ConnectionContext connection)
    {
        connection.Abort(new ConnectionAbortedException("Connection limit reached."));
        lock (_gate)
        {
            if (_nextLine is not null)
            {
                _refused++; // for the line at the end of the minute
                return;
            }

            _logger.LogWarning(
                "Connection limit of {MaxConnections} reached: refusing new connections (this one from {Remote}); while it lasts, a line a minute says how many",
                Max, connection.RemoteEndPoint?.ToString());
            _nextLine = _time.CreateTimer(_ => EndOfMinute(), null, LogInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndOfMinute()
    {
        lock (_gate)
        {
            if (_nextLine is null)
            {
                return; // disposed
            }

            var refused = _refused;
            _refused = 0;
            if (refused == 0)
            {
                // A quiet minute: the next refusal is logged when it comes.
                _nextLine.Dispose();
                _nextLine = null;
                return;
            }

            _logger.LogWarning(
                "Connection limit of {MaxConnections} reached: {Refused} more refused in the last minute ({Open} open)",
                Max, refused, Open);
            _nextLine.Change(LogInterval, Timeout.InfiniteTimeSpan);
        }
    }
}
