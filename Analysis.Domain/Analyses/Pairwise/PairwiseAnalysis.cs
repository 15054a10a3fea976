namespace Analysis.Domain.Analyses.Pairwise;

/// <summary>
/// R: <c>pairwise.t.test(x, g, p.adjust.method, pool.sd, paired)</c> and <c>pairwise.wilcox.test(x, g, p.adjust.method,
/// paired)</c> (R 4.2, stats/R/pairwise.R). Pairs a before b in level order, as R lists its lower triangle column by
/// column; each pair's p-value is two-sided, and the family is corrected by <c>p.adjust</c>. Where R stops the whole
/// call (a group of one value, data essentially constant) the analysis is refused, naming the group or pair.
/// </summary>
public static class PairwiseAnalysis
{
    /// <summary>Groups compared at most: 100 groups are 4,950 pairs.</summary>
    public const int MaxGroups = 100;

    private const int ExactBelow = 50;

    public static PairwiseResult Run(PairwiseSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        var (names, values, n) = spec.Paired ? ByPosition(data, spec) : Unpaired(data, spec);
        var k = names.Count;
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; a pairwise comparison needs at least 2.", n);
        }

        if (k > MaxGroups)
        {
            throw new AnalysisNotComputableException(
                $"'{spec.GroupBy}' has {k} groups with values, {k * (k - 1L) / 2:N0} pairs; pairwise comparisons take at most {MaxGroups} groups.", n);
        }

        var warnings = new List<string>();
        double? pooledSd = null;
        Func<int, int, double> test;
        string method;
        if (spec.Test == PairwiseTest.Wilcoxon)
        {
            var approximate = 0;
            var lastKind = RankTestKind.Exact;
            test = (a, b) =>
            {
                var (p, kind, wantedExact) = spec.Paired ? SignedRank(values[a], values[b], names[a], names[b], n) : RankSum(values[a], values[b]);
                approximate += wantedExact && kind != RankTestKind.Exact ? 1 : 0;
                lastKind = kind;
                return p;
            };
            var comparisons = Compare(names, test, spec.PAdjust, cancellationToken);
            method = (spec.Paired ? "Wilcoxon signed rank" : "Wilcoxon rank sum") +
                (lastKind == RankTestKind.Exact ? " exact test" : " test with continuity correction");
            if (approximate > 0)
            {
                warnings.Add($"{approximate} of {comparisons.Count} pairs have ties{(spec.Paired ? " or zero differences" : string.Empty)}: " +
                    "their p-values use the normal approximation, as R's wilcox.test (which warns that it cannot compute an exact p-value).");
            }

            if (comparisons.Any(c => double.IsNaN(c.PValue)))
            {
                warnings.Add("A pair whose values are all the same has no p-value (null), and is left out of the correction as R leaves out NA.");
            }

            return Result(spec, method, null, comparisons, n, warnings);
        }

        // Differences of means and SDs do not change with a centre; SDs are scaled back.
        var (scaled, _, scale) = GroupedValues.Standardize(values);
        if (spec.PooledSd)
        {
            var sd = PooledStandardDeviation(scaled, names, n, out var df);
            pooledSd = sd * scale;
            test = (a, b) =>
            {
                var t = (Moments.Mean(scaled[a]) - Moments.Mean(scaled[b])) / (sd * Math.Sqrt((1.0 / scaled[a].Length) + (1.0 / scaled[b].Length)));
                return Distributions.StudentTTwoSided(t, df);
            };
            method = "t tests with pooled SD";
        }
        else
        {
            test = (a, b) => spec.Paired ? PairedT(scaled[a], scaled[b], names[a], names[b], n) : WelchT(scaled[a], scaled[b], names[a], names[b], n);
            method = spec.Paired ? "paired t tests" : "t tests with non-pooled SD";
        }

        return Result(spec, method, pooledSd, Compare(names, test, spec.PAdjust, cancellationToken), n, warnings);
    }

    private static PairwiseResult Result(
        PairwiseSpec spec, string method, double? pooledSd, IReadOnlyList<PairwiseComparison> comparisons, int n, List<string> warnings) =>
        new(spec.Column, spec.GroupBy, spec.Test == PairwiseTest.T ? "t" : "wilcoxon", method, spec.Paired, PAdjust.Name(spec.PAdjust), pooledSd,
            comparisons, n, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };

    /// <summary>Every pair a &lt; b, a outer: R's lower triangle read column by column.</summary>
    private static List<PairwiseComparison> Compare(IReadOnlyList<string> names, Func<int, int, double> test, PAdjustMethod adjust, CancellationToken cancellationToken)
    {
        var pairs = new List<(int A, int B, double P)>();
        for (var a = 0; a < names.Count; a++)
        {
            for (var b = a + 1; b < names.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                pairs.Add((a, b, test(b, a)));
            }
        }

        var adjusted = PAdjust.Adjust([.. pairs.Select(p => p.P)], adjust);
        return [.. pairs.Select((p, i) => new PairwiseComparison([names[p.A], names[p.B]], p.P, adjusted[i]))];
    }

    /// <summary>The values of each level with a value, in level order, over the rows where value and group are present.</summary>
    private static (IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, int N) Unpaired(Dataset data, PairwiseSpec spec)
    {
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        return (groups.Names, groups.Values, groups.N);
    }

    /// <summary>
    /// Paired: each level's values in row order, missing ones kept as NaN so that the k-th row of every group stays the
    /// k-th; rows with no group are left out. Every group must have as many rows; levels with no value at all go.
    /// </summary>
    private static (IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, int N) ByPosition(Dataset data, PairwiseSpec spec)
    {
        var values = ((NumericColumn)data.Find(spec.Column)!).Values;
        var grouping = Grouping.Build(data.Find(spec.GroupBy)!)!;
        var lists = grouping.Levels.Select(_ => new List<double>()).ToArray();
        var n = 0;
        for (var r = 0; r < values.Length; r++)
        {
            if (grouping.Codes[r] >= 0)
            {
                lists[grouping.Codes[r]].Add(values[r]);
                n += double.IsNaN(values[r]) ? 0 : 1;
            }
        }

        var kept = Enumerable.Range(0, lists.Length).Where(i => lists[i].Any(v => !double.IsNaN(v))).ToArray();
        var sizes = kept.Select(i => lists[i].Count).Distinct().ToArray();
        if (sizes.Length > 1)
        {
            var (small, large) = (kept.MinBy(i => lists[i].Count), kept.MaxBy(i => lists[i].Count));
            throw new AnalysisNotComputableException(
                $"Paired comparisons need as many rows in every group (the k-th row of each is one subject): '{grouping.Levels[small]}' has " +
                $"{lists[small].Count}, '{grouping.Levels[large]}' has {lists[large].Count}.", n);
        }

        return ([.. kept.Select(i => grouping.Levels[i])], [.. kept.Select(i => lists[i].ToArray())], n);
    }

    /// <summary>R: <c>sqrt(sum(s² · (n − 1)) / sum(n − 1))</c> over the groups; a group of one value makes R's NA, so it is refused.</summary>
    private static double PooledStandardDeviation(IReadOnlyList<double[]> values, IReadOnlyList<string> names, int n, out double df)
    {
        double squares = 0;
        df = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Length < 2)
            {
                throw new AnalysisNotComputableException(
                    $"Group '{names[i]}' has one value: its SD is undefined, and R's pooled SD with it (pooledSd false does not pool).", n);
            }

            var mean = Moments.Mean(values[i]);
            squares += Moments.Variance(values[i], mean) * (values[i].Length - 1);
            df += values[i].Length - 1;
        }

        if (squares == 0)
        {
            throw new AnalysisNotComputableException("Every group is constant (no variation within groups): the differences have no standard error.", n);
        }

        return Math.Sqrt(squares / df);
    }

    /// <summary>R: <c>t.test(xi, xj)$p.value</c> (Welch), which stops the call for a group of one value or constant data.</summary>
    private static double WelchT(double[] x, double[] y, string nameX, string nameY, int n)
    {
        foreach (var (values, name) in new[] { (x, nameX), (y, nameY) })
        {
            if (values.Length < 2)
            {
                throw new AnalysisNotComputableException($"Group '{name}' has one value; a t-test needs at least 2.", n);
            }
        }

        var (mx, my) = (Moments.Mean(x), Moments.Mean(y));
        var (sx, sy) = (Moments.Variance(x, mx) / x.Length, Moments.Variance(y, my) / y.Length);
        var stderr = Math.Sqrt(sx + sy);
        RequireVariation(stderr, Math.Max(Math.Abs(mx), Math.Abs(my)), nameX, nameY, n);
        var df = (sx + sy) * (sx + sy) / ((sx * sx / (x.Length - 1)) + (sy * sy / (y.Length - 1)));
        return Distributions.StudentTTwoSided((mx - my) / stderr, df);
    }

    /// <summary>R: <c>t.test(xi, xj, paired = TRUE)$p.value</c> on the complete pairs.</summary>
    private static double PairedT(double[] x, double[] y, string nameX, string nameY, int n)
    {
        var d = Differences(x, y);
        if (d.Length < 2)
        {
            throw new AnalysisNotComputableException($"'{nameX}' and '{nameY}' have {d.Length} complete pair{(d.Length == 1 ? string.Empty : "s")}; a paired t-test needs at least 2.", n);
        }

        var mean = Moments.Mean(d);
        var stderr = Math.Sqrt(Moments.Variance(d, mean) / d.Length);
        RequireVariation(stderr, Math.Abs(mean), nameX, nameY, n);
        return Distributions.StudentTTwoSided(mean / stderr, d.Length - 1);
    }

    /// <summary>R's t.test refuses "essentially constant" data, as the t-test does (<see cref="TTest.TTestAnalysis.EssentiallyConstant"/>).</summary>
    private static void RequireVariation(double stderr, double size, string nameX, string nameY, int n)
    {
        if (TTest.TTestAnalysis.EssentiallyConstant(stderr, size))
        {
            throw new AnalysisNotComputableException($"The data of '{nameX}' and '{nameY}' are essentially constant: their t statistic is undefined.", n);
        }
    }

    /// <summary>R: <c>wilcox.test(xi, xj)</c> with its defaults (exact below 50 values a group and no ties, continuity correction).</summary>
    private static (double P, RankTestKind Kind, bool WantedExact) RankSum(double[] x, double[] y)
    {
        var test = RankTests.MannWhitney(x, y, null, true);
        return (test.PValue, test.Kind, x.Length < ExactBelow && y.Length < ExactBelow);
    }

    /// <summary>R: <c>wilcox.test(xi, xj, paired = TRUE)</c> on the complete pairs, zero differences dropped.</summary>
    private static (double P, RankTestKind Kind, bool WantedExact) SignedRank(double[] x, double[] y, string nameX, string nameY, int n)
    {
        var d = Differences(x, y);
        if (d.Length == 0)
        {
            throw new AnalysisNotComputableException($"'{nameX}' and '{nameY}' have no complete pair.", n);
        }

        var test = RankTests.SignedRank(d, null, true);
        return (test.PValue, test.Kind, test.N < ExactBelow);
    }

    /// <summary>x − y over the positions where both are present.</summary>
    private static double[] Differences(double[] x, double[] y)
    {
        var d = new List<double>(x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                d.Add(x[i] - y[i]);
            }
        }

        return [.. d];
    }
}
