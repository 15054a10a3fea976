using System.Globalization;
using Microsoft.AspNetCore.Connections;

namespace Analysis.Api.Limits;

/// <summary>
/// Caps open connections (<c>Limits:MaxConnections</c>, by default the open-file limit less a reserve): one more
/// is closed at once and said in the log (at most every 10 s), so that a flood of connections costs refusals, not
/// the process — running out of file descriptors used to end it with "Out of memory." and no log line.
/// </summary>
public sealed class ConnectionLimit
{
    /// <summary>Descriptors kept for everything else: the database, log output, uploads spilled to disk.</summary>
    private const int ReservedDescriptors = 256;

    private const long LogEveryMilliseconds = 10_000;

    private readonly ILogger<ConnectionLimit> _logger;
    private int _open;
    private long _lastLogged = -LogEveryMilliseconds; // the first refusal is logged

    public ConnectionLimit(IOptions<LimitsOptions> options, ILogger<ConnectionLimit> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        Max = options.Value.MaxConnections ?? DefaultMax();
    }

    public int Max { get; }

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

    private void Refused(ConnectionContext connection)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        if (now - last >= LogEveryMilliseconds && Interlocked.CompareExchange(ref _lastLogged, now, last) == last)
        {
            _logger.LogWarning("Connection limit of {MaxConnections} reached: refusing new connections (from {Remote})", Max, connection.RemoteEndPoint);
        }

        connection.Abort(new ConnectionAbortedException("Connection limit reached."));
    }

    /// <summary>The soft open-file limit (Linux: <c>/proc/self/limits</c>) less the reserve; 10,000 where it cannot be read.</summary>
    private static int DefaultMax()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            if (long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var files))
            {
                return (int)Math.Clamp(files - ReservedDescriptors, 64, 1_000_000);
            }
        }
        catch (IOException)
        {
            // Not Linux, or no /proc: the fixed default.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 10_000;
    }
}
