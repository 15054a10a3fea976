using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The p-value of Fisher's exact test for an r × c table by the network algorithm (Mehta &amp; Patel 1983; R's FEXACT
/// behind fisher.test): the probability, given both margins, of every table no more likely than the observed one.
/// </summary>
/// <remarks>
/// <para>
/// The shorter dimension's margins are the "rows"; the table is built one column at a time. A node is the multiset of
/// row totals still to fill (sorted, zeros dropped, so rows with equal remaining totals merge), and each column filled
/// is an edge weighted by Π 1/x! over its cells. A table's probability is K·Π 1/x! over all its cells with
/// K = Π R! Π C! / n!, so a path from the root to the last stage is a table and its probability is K times the product
/// of its edge weights.
/// </para>
/// <para>
/// Each node keeps the log-products of the paths that reached it (its "pasts"; sorted, and merged when within 10⁻⁹ of
/// each other, with how many paths share each). For every node the longest and shortest completions (the largest and
/// smallest Π 1/x! over the tables that fill it) are found exactly by a memoised recursion over the nodes below, and
/// the sum over all completions has the closed form m!/(Π r! Π C!) for remaining row totals r, columns C and count m.
/// A past whose longest completion is still no more likely than the observed table (times 1 + 10⁻⁷) contributes its
/// paths' whole remaining probability at once; one whose shortest completion is already more likely contributes
/// nothing; only the others are carried along the node's edges. Along each edge the same test is made against the
/// child's bounds: the sorted pasts split into a prefix that counts in full (added from prefix sums), a suffix that
/// does not, and a middle that is carried to the child. At the last column every node has a single completion, so
/// every past is decided by then.
/// </para>
/// <para>
/// Work is counted as edges enumerated plus pasts classified and carried, plus one unit per entry of the table of
/// log k! (k up to the table's total); the computation gives up (null) as soon as
/// it exceeds the caller's bound. About ten million units take a second, and memory stays under about 40 bytes per
/// unit. Probabilities are summed in double precision relative to the largest past at each node, so terms more than
/// e^745 smaller than that are lost, as they underflow in R.
/// </para>
/// </remarks>
internal sealed class FisherNetwork
{
    private readonly int[] _columns;
    private readonly double[] _logFactorial;
    private readonly double[] _columnsLogFactorialFrom;
    private readonly long _maxWork;
    private readonly Dictionary<int[], Bounds> _bounds = new(NodeComparer.Instance);
    private readonly Dictionary<int[], Bounds>.AlternateLookup<ReadOnlySpan<int>> _boundsByValues;

    // Scratch space for each stage's column: its entries, the child's totals, and the group structure of the node.
    private readonly int[][] _entries;
    private readonly int[][] _child;
    private readonly int[][] _sameAfter;
    private readonly int[][] _laterGroups;
    private long _work;

    private FisherNetwork(int[] columns, int rows, double[] logFactorial, long maxWork, long workDone)
    {
        _work = workDone;
        _columns = columns;
        _logFactorial = logFactorial;
        _maxWork = maxWork;
        _boundsByValues = _bounds.GetAlternateLookup<ReadOnlySpan<int>>();
        _columnsLogFactorialFrom = new double[columns.Length + 1];
        for (var j = columns.Length - 1; j >= 0; j--)
        {
            _columnsLogFactorialFrom[j] = _columnsLogFactorialFrom[j + 1] + logFactorial[columns[j]];
        }

        _entries = Scratch(columns.Length, rows);
        _child = Scratch(columns.Length, rows);
        _sameAfter = Scratch(columns.Length, rows);
        _laterGroups = Scratch(columns.Length, rows);
    }

    /// <summary>Receives one edge: the child's remaining row totals (valid only during the call), Π 1/x! in logs, and how many arrangements of the column it stands for.</summary>
    private delegate void EdgeVisitor(ReadOnlySpan<int> child, double logWeight, double multiplicity);

    private bool Exceeded => _work > _maxWork;

    /// <summary>The p-value, or null when the work would exceed <paramref name="maxWork"/>.</summary>
    public static double? PValue(int[,] table, long maxWork)
    {
        var rowTotals = new long[table.GetLength(0)];
        var columnTotals = new long[table.GetLength(1)];
        for (var i = 0; i < rowTotals.Length; i++)
        {
            for (var j = 0; j < columnTotals.Length; j++)
            {
                rowTotals[i] += table[i, j];
                columnTotals[j] += table[i, j];
            }
        }

        var rows = Enumerable.Range(0, rowTotals.Length).Where(i => rowTotals[i] > 0).ToArray();
        var columns = Enumerable.Range(0, columnTotals.Length).Where(j => columnTotals[j] > 0).ToArray();
        if (rows.Length < 2 || columns.Length < 2)
        {
            return 1;
        }

        // A table of log k! is one unit of work per entry, so the bound also bounds it.
        var total = rowTotals.Sum();
        if (total > maxWork || total >= Array.MaxLength)
        {
            return null;
        }

        var transpose = columns.Length < rows.Length;
        var nodeMargins = (transpose ? columns.Select(j => (int)columnTotals[j]) : rows.Select(i => (int)rowTotals[i])).ToArray();
        var stageMargins = (transpose ? rows.Select(i => (int)rowTotals[i]) : columns.Select(j => (int)columnTotals[j])).ToArray();

        // Compensated running sums: each log k! within an ulp or so, however large k is.
        var logFactorial = new double[total + 1];
        double sum = 0, compensation = 0;
        for (var k = 2; k <= total; k++)
        {
            var term = Math.Log(k);
            var t = sum + term;
            compensation += Math.Abs(sum) >= term ? sum - t + term : term - t + sum;
            sum = t;
            logFactorial[k] = sum + compensation;
        }

        var logK = -logFactorial[total];
        foreach (var margin in nodeMargins.Concat(stageMargins))
        {
            logK += logFactorial[margin];
        }

        var logObserved = logK;
        foreach (var i in rows)
        {
            foreach (var j in columns)
            {
                logObserved -= logFactorial[table[i, j]];
            }
        }

        // Smaller columns first (measured: less work than the reverse on most tables R itself can do).
        Array.Sort(stageMargins);
        var network = new FisherNetwork(stageMargins, nodeMargins.Length, logFactorial, maxWork, total);
        return network.Run(nodeMargins, logK, logObserved + Math.Log(FisherExact.RelativeError));
    }

    private static int[][] Scratch(int stages, int rows)
    {
        var scratch = new int[stages][];
        for (var s = 0; s < stages; s++)
        {
            scratch[s] = new int[rows];
        }

        return scratch;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double? Run(int[] nodeMargins, double logK, double logThreshold)
    {
        var largestPast = nodeMargins.Sum(r => _logFactorial[r]);
        var quantum = Math.Max(1e-9, largestPast * 1e-14);
        var root = nodeMargins.ToArray();
        Array.Sort(root, (a, b) => b.CompareTo(a));
        var current = new Dictionary<int[], List<Past>>(NodeComparer.Instance) { [root] = [new Past(0, 1)] };

        var p = 0.0;
        var logs = new List<double>();
        var prefix = new List<double>();
        for (var stage = 0; stage < _columns.Length; stage++)
        {
            var next = new Dictionary<int[], List<Past>>(NodeComparer.Instance);
            var nextByValues = next.GetAlternateLookup<ReadOnlySpan<int>>();
            foreach (var (node, arrived) in current)
            {
                if (!TryBounds(node, stage, out var bounds))
                {
                    return null;
                }

                // The distinct pasts, ascending (within the quantum of the first of a run counts as the same), with
                // the probability mass Σ count·e^(past − top) of every prefix.
                arrived.Sort((x, y) => x.Log.CompareTo(y.Log));
                var pasts = Merge(arrived, quantum);
                arrived.Clear();
                arrived.Capacity = 0;
                var top = pasts[^1].Log;
                logs.Clear();
                prefix.Clear();
                prefix.Add(0);
                foreach (var past in pasts)
                {
                    logs.Add(past.Log);
                    prefix.Add(prefix[^1] + (past.Count * Math.Exp(past.Log - top)));
                }

                _work += pasts.Count;
                var room = logThreshold - logK;
                var from = UpperBound(logs, room - bounds.Longest);
                var to = UpperBound(logs, room - bounds.Shortest);
                if (from > 0)
                {
                    p += prefix[from] * Math.Exp(top + logK + LogCompletions(node, stage));
                }

                if (from == to)
                {
                    continue;
                }

                Enumerate(node, stage, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (child, logWeight, multiplicity) =>
                {
                    var childBounds = _boundsByValues[child];
                    var left = room - logWeight;

                    // Among the node's undecided pasts, those up to the first index count with every completion of
                    // the child, those from the second with none; only the ones between are carried.
                    var all = Math.Max(from, UpperBound(logs, left - childBounds.Longest));
                    var some = Math.Min(to, UpperBound(logs, left - childBounds.Shortest));
                    if (all > from)
                    {
                        p += multiplicity * (prefix[all] - prefix[from]) * Math.Exp(top + logWeight + logK + LogCompletions(child, stage + 1));
                    }

                    if (some <= all)
                    {
                        return;
                    }

                    _work += some - all;
                    if (!nextByValues.TryGetValue(child, out var carried))
                    {
                        carried = [];
                        nextByValues[child] = carried;
                    }

                    for (var k = all; k < some; k++)
                    {
                        carried.Add(new Past(pasts[k].Log + logWeight, pasts[k].Count * multiplicity));
                    }
                });

                if (Exceeded)
                {
                    return null;
                }
            }

            current = next;
        }

        return Math.Clamp(p, 0, 1);
    }

    /// <summary>Merges sorted pasts that lie within <paramref name="quantum"/> of the first of their run.</summary>
    private static List<Past> Merge(List<Past> sorted, double quantum)
    {
        var merged = new List<Past>(sorted.Count);
        var i = 0;
        while (i < sorted.Count)
        {
            var first = sorted[i];
            var count = first.Count;
            var j = i + 1;
            while (j < sorted.Count && sorted[j].Log - first.Log <= quantum)
            {
                count += sorted[j].Count;
                j++;
            }

            merged.Add(first with { Count = count });
            i = j;
        }

        return merged;
    }

    /// <summary>How many of the ascending values are at most <paramref name="limit"/>.</summary>
    private static int UpperBound(List<double> ascending, double limit)
    {
        int low = 0, high = ascending.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ascending[middle] <= limit)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>log Σ Π 1/x! over every completion of the node = log(m!/(Π r! Π C!)).</summary>
    private double LogCompletions(ReadOnlySpan<int> node, int stage)
    {
        var log = -_columnsLogFactorialFrom[stage];
        var sum = 0;
        foreach (var r in node)
        {
            log -= _logFactorial[r];
            sum += r;
        }

        return log + _logFactorial[sum];
    }

    /// <summary>
    /// The longest and shortest completions of a node (the largest and smallest log Π 1/x! over the tables that fill
    /// it), by recursion over its children, memoised; false when the work ran out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryBounds(ReadOnlySpan<int> node, int stage, out Bounds bounds)
    {
        if (_boundsByValues.TryGetValue(node, out bounds))
        {
            return true;
        }

        if (stage == _columns.Length - 1)
        {
            var log = 0.0;
            foreach (var r in node)
            {
                log -= _logFactorial[r];
            }

            bounds = new Bounds(log, log);
        }
        else
        {
            double longest = double.NegativeInfinity, shortest = double.PositiveInfinity;
            Enumerate(node, stage, (child, logWeight, _) =>
            {
                if (TryBounds(child, stage + 1, out var below))
                {
                    longest = Math.Max(longest, logWeight + below.Longest);
                    shortest = Math.Min(shortest, logWeight + below.Shortest);
                }
            });

            if (Exceeded)
            {
                return false;
            }

            bounds = new Bounds(longest, shortest);
        }

        _boundsByValues[node] = bounds;
        return true;
    }

    /// <summary>
    /// Every way to fill the stage's column from the node's remaining row totals, up to the order of rows with equal
    /// totals: within such a group the entries are non-increasing, and the edge's multiplicity counts its arrangements.
    /// Stops early once the work runs out.
    /// </summary>
    private void Enumerate(ReadOnlySpan<int> node, int stage, EdgeVisitor visit)
    {
        var length = node.Length;
        var sameAfter = _sameAfter[stage];
        var laterGroups = _laterGroups[stage];
        var after = 0;
        if (length > 0)
        {
            sameAfter[length - 1] = 0;
            laterGroups[length - 1] = 0;
        }

        // For each row: how many later rows share its total, and the total of the rows in later groups.
        for (var i = length - 2; i >= 0; i--)
        {
            after += node[i + 1];
            var same = node[i] == node[i + 1];
            sameAfter[i] = same ? sameAfter[i + 1] + 1 : 0;
            laterGroups[i] = same ? laterGroups[i + 1] : after;
        }

        Fill(node, stage, 0, _columns[stage], visit);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(ReadOnlySpan<int> node, int stage, int i, int remaining, EdgeVisitor visit)
    {
        if (Exceeded)
        {
            return;
        }

        var entries = _entries[stage];
        if (i == node.Length)
        {
            if (remaining == 0)
            {
                _work++;
                Visit(node, stage, visit);
            }

            return;
        }

        var upper = Math.Min(node[i], remaining);
        if (i > 0 && node[i] == node[i - 1])
        {
            upper = Math.Min(upper, entries[i - 1]);
        }

        // The later rows can hold at most entries[i] for each one in this group plus the later groups' totals.
        var sameAfter = _sameAfter[stage][i];
        var needed = remaining - _laterGroups[stage][i];
        var lower = needed <= 0 ? 0 : (needed + sameAfter) / (sameAfter + 1);
        for (var v = upper; v >= lower; v--)
        {
            entries[i] = v;
            Fill(node, stage, i + 1, remaining - v, visit);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Visit(ReadOnlySpan<int> node, int stage, EdgeVisitor visit)
    {
        var entries = _entries[stage];
        var child = _child[stage];
        var count = 0;
        var log = 0.0;
        var multiplicity = 1.0;
        var groupStart = 0;
        for (var i = 0; i < node.Length; i++)
        {
            log -= _logFactorial[entries[i]];
            var left = node[i] - entries[i];
            if (left > 0)
            {
                // Insertion into the child's totals, kept in decreasing order.
                var k = count++;
                while (k > 0 && child[k - 1] < left)
                {
                    child[k] = child[k - 1];
                    k--;
                }

                child[k] = left;
            }

            if (node[i] != node[groupStart])
            {
                groupStart = i;
            }
            else if (i > groupStart)
            {
                // Arrangements of a group: g!/Π (multiplicities of equal entries)!, built one row at a time.
                var run = 1;
                while (i - run >= groupStart && entries[i - run] == entries[i])
                {
                    run++;
                }

                multiplicity *= (double)(i - groupStart + 1) / run;
            }
        }

        visit(child.AsSpan(0, count), log, multiplicity);
    }

    private readonly record struct Past(double Log, double Count);

    private readonly record struct Bounds(double Longest, double Shortest);

    /// <summary>Nodes by value (a node is its remaining row totals, positive, in decreasing order); looked up by span without allocating.</summary>
    private sealed class NodeComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
    {
        public static readonly NodeComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj) => GetHashCode((ReadOnlySpan<int>)obj);

        public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<int> alternate)
        {
            var hash = new HashCode();
            foreach (var v in alternate)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }

        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();
    }
}
