using System.Globalization;

namespace Analysis.Api.Limits;

/// <summary>
/// How many connections the open-file limit leaves room for: the soft limit (<c>ulimit -n</c>), less the descriptors
/// the process holds when it is measured, less a margin for what it opens later (<see cref="MarginFor"/>). Each
/// connection is one descriptor, its socket.
/// </summary>
/// <param name="SoftLimit">The soft open-file limit (<c>long.MaxValue</c> when unlimited).</param>
/// <param name="Held">Descriptors open when measured (the entries of <c>/proc/self/fd</c>).</param>
/// <param name="Margin">Descriptors kept free for what the process opens after the measurement.</param>
/// <param name="Connections">What is left for connections, at least <see cref="MinimumConnections"/>.</param>
public readonly record struct DescriptorBudget(long SoftLimit, int Held, int Margin, int Connections)
{
    /// <summary>Never fewer connections than this, whatever the limit (a warning at start says when this applies).</summary>
    public const int MinimumConnections = 16;

    /// <summary>Never more (an open-file limit of millions needs no cap of millions).</summary>
    public const int MaximumConnections = 1_000_000;

    /// <summary>The free descriptors before the floor: negative when the limit cannot even cover the margin.</summary>
    public long Free => SoftLimit == long.MaxValue ? MaximumConnections : SoftLimit - Held - Margin;

    /// <summary>True when <see cref="Connections"/> is the floor, more than the descriptors leave room for.</summary>
    public bool AtFloor => Free < MinimumConnections;

    /// <summary>The budget for a soft limit and a count of descriptors held (a pure function, for the tests).</summary>
    public static DescriptorBudget Of(long softLimit, int held)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(softLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(held);
        var margin = MarginFor(softLimit, held);
        var free = softLimit == long.MaxValue ? MaximumConnections : softLimit - held - margin;
        return new(softLimit, held, margin, (int)Math.Clamp(free, MinimumConnections, MaximumConnections));
    }

    /// <summary>
    /// The descriptors kept free for what the process opens after the measurement, which is made once the host has
    /// started (every hosted service started, the listening socket and the socket engine's epoll open, ~295 assemblies
    /// loaded and held open, one descriptor each). Kestrel itself needs one descriptor a connection, its socket, and
    /// nothing more per connection. The margin:
    /// <list type="bullet">
    /// <item>128 for what does not grow with connections. Assemblies first used later: every endpoint and every
    /// analysis type, once each after start, added 16 (measured). The runtime's own needs, a few at a time: it is what
    /// ends the process without them — it printed "Out of memory." and ended when it could not open an assembly,
    /// <c>/proc/meminfo</c> or a new thread's pipe. The PostgreSQL change listener (1, it may connect after start), the
    /// connection being refused (1 while Kestrel accepts and closes it).</item>
    /// <item>One eighth of the rest, for what grows with load rather than with idle connections: a request in flight
    /// may hold one more (an upload spilled to a temporary file, a static file being sent), and the database's pool
    /// grows with the requests and workers using it at once (SQLite: two a connection, the file and its log;
    /// PostgreSQL: a socket each, up to Maximum Pool Size, 100 by default). One busy connection in eight at any
    /// moment: 72 more at ulimit -n 1,024 (a margin of 200 with ~316 held), about 8,100 at 65,536.</item>
    /// </list>
    /// Past the margin nothing ends at once: a request that cannot open a file gets an error answer; only the runtime's
    /// own needs are fatal, and the first 128 are kept for them.
    /// </summary>
    public static int MarginFor(long softLimit, int held)
    {
        const int Fixed = 128;
        var rest = softLimit == long.MaxValue ? MaximumConnections : Math.Max(0, softLimit - held - Fixed);
        return Fixed + (int)Math.Min(rest / 8, MaximumConnections / 8);
    }

    /// <summary>
    /// This process's budget now: <c>/proc/self/limits</c> and <c>/proc/self/fd</c>; null where there is no
    /// <c>/proc</c> (not Linux) or it cannot be read.
    /// </summary>
    public static DescriptorBudget? Measure()
    {
        try
        {
            var soft = ParseSoftLimit(File.ReadAllText("/proc/self/limits"));
            if (soft is null)
            {
                return null;
            }

            // The enumeration's own descriptor is among the entries: counted, as one more held is the safe side.
            var held = Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
            return Of(soft.Value, held);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft value of the "Max open files" line of a <c>/proc/&lt;pid&gt;/limits</c> text; null when absent.</summary>
    public static long? ParseSoftLimit(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (soft == "unlimited")
            {
                return long.MaxValue;
            }

            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        return null;
    }
}
