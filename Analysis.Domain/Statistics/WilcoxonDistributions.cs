using System.Collections.Concurrent;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Exact null distributions of the Wilcoxon rank-sum statistic W (R: pwilcox) and signed-rank statistic V
/// (R: psignrank), counted in doubles. Both distributions are symmetric, so only the lower half is counted and
/// the upper tail is read through the mirror image; a tail is a sum of positive counts, never 1 − CDF, so a p-value
/// of 1e-14 keeps its digits. The tables for the sizes R's default rule makes exact (fewer than 50) are kept once
/// computed; larger sizes are counted afresh each time, up to a work limit (<see cref="IsRankSumTractable"/>,
/// <see cref="IsSignedRankTractable"/>).
/// </summary>
public static class WilcoxonDistributions
{
    /// <summary>
    /// Most table cells one distribution may take to count, about a tenth of a second: samples of 49 and 49 take 2.9
    /// million, 118 and 118 just under the limit; the signed-rank distribution stays under it up to 736 differences.
    /// </summary>
    private const double MaxWork = 1e8;

    /// <summary>Sizes below this are kept once counted: the ones R's default rule makes exact.</summary>
    private const int CachedBelow = 50;

    // Lower halves: entry k is P(S ≤ k) for k = 0 .. ⌊max/2⌋.
    private static readonly ConcurrentDictionary<(int Small, int Large), double[]> RankSumHalves = new();
    private static readonly ConcurrentDictionary<int, double[]> SignedRankHalves = new();

    /// <summary>Whether the exact distribution of W for samples of <paramref name="m"/> and <paramref name="n"/> is within the work limit.</summary>
    public static bool IsRankSumTractable(int m, int n) =>
        m >= 1 && n >= 1 && (double)m * n * ((Math.Floor((double)m * n / 2) + 1)) <= MaxWork;

    /// <summary>Whether the exact distribution of V for <paramref name="n"/> non-zero differences is within the work limit.</summary>
    public static bool IsSignedRankTractable(int n) =>
        n >= 1 && (double)n * (Math.Floor((double)n * (n + 1) / 4) + 1) <= MaxWork;

    /// <summary>P(W ≤ q) for samples of <paramref name="m"/> and <paramref name="n"/> (R: pwilcox(q, m, n)).</summary>
    public static double RankSumLower(double q, int m, int n)
    {
        RequireTractable(IsRankSumTractable(m, n), nameof(m));
        return Lower(q, (double)m * n, RankSumHalf(m, n));
    }

    /// <summary>P(V ≤ q) for <paramref name="n"/> non-zero differences (R: psignrank(q, n)).</summary>
    public static double SignedRankLower(double q, int n)
    {
        RequireTractable(IsSignedRankTractable(n), nameof(n));
        return Lower(q, (double)n * (n + 1) / 2, SignedRankHalf(n));
    }

    /// <summary>
    /// Two-sided exact p-value of an observed W, as R's wilcox.test computes it: the smaller tail, doubled, at most 1
    /// (R: min(2 * pwilcox(W, m, n), 1), or the upper tail pwilcox(W − 1, m, n, lower.tail = FALSE) above the middle).
    /// </summary>
    public static double RankSumTwoSided(double w, int m, int n)
    {
        RequireTractable(IsRankSumTractable(m, n), nameof(m));
        return TwoSided(w, (double)m * n, RankSumHalf(m, n));
    }

    /// <summary>
    /// Two-sided exact p-value of an observed V, as R's wilcox.test computes it: the smaller tail, doubled, at most 1
    /// (R: min(2 * psignrank(V, n), 1), or the upper tail psignrank(V − 1, n, lower.tail = FALSE) above the middle).
    /// </summary>
    public static double SignedRankTwoSided(double v, int n)
    {
        RequireTractable(IsSignedRankTractable(n), nameof(n));
        return TwoSided(v, (double)n * (n + 1) / 2, SignedRankHalf(n));
    }

    private static void RequireTractable(bool tractable, string parameter)
    {
        if (!tractable)
        {
            throw new ArgumentOutOfRangeException(
                parameter, "Sample sizes must be at least 1 and small enough for the exact distribution to be counted.");
        }
    }

    /// <summary>P(S ≤ q) for a symmetric integer statistic on 0..max whose lower half is given (q as R takes it: ⌊q + 1e-7⌋).</summary>
    private static double Lower(double q, double max, double[] half)
    {
        var k = Math.Floor(q + 1e-7);
        if (double.IsNaN(k))
        {
            return double.NaN;
        }

        if (k < 0)
        {
            return 0;
        }

        if (k >= max)
        {
            return 1;
        }

        // Above the middle: P(S ≤ k) = 1 − P(S ≥ k + 1) = 1 − P(S ≤ max − k − 1) by symmetry.
        return k < half.Length ? half[(int)k] : 1 - half[(int)(max - k - 1)];
    }

    private static double TwoSided(double statistic, double max, double[] half)
    {
        // The tail on the statistic's side of the middle; above it, P(S ≥ s) = P(S ≤ max − s).
        var k = Math.Round(Math.Min(statistic, max - statistic));
        if (double.IsNaN(k))
        {
            return double.NaN;
        }

        return k < 0 ? 0 : Math.Min(1, 2 * half[(int)Math.Min(k, half.Length - 1)]);
    }

    private static double[] RankSumHalf(int m, int n)
    {
        var key = (Small: Math.Min(m, n), Large: Math.Max(m, n));
        return key.Large < CachedBelow
            ? RankSumHalves.GetOrAdd(key, static k => CountRankSum(k.Small, k.Large))
            : CountRankSum(key.Small, key.Large);
    }

    private static double[] SignedRankHalf(int n) =>
        n < CachedBelow ? SignedRankHalves.GetOrAdd(n, CountSignedRank) : CountSignedRank(n);

    /// <summary>
    /// The lower half of the distribution of W (the number of (x, y) pairs with x above y) for samples of
    /// <paramref name="small"/> and <paramref name="large"/>, as cumulative probabilities. With c(k; i, j) the number of
    /// orderings of i x's and j y's giving W = k, the largest of the i + j values is either an x, above all j y's, or
    /// a y: c(k; i, j) = c(k − j; i − 1, j) + c(k; i, j − 1). Columns j = 0..large are built in turn, each holding
    /// i = 0..small, so memory is (small + 1) × (⌊small·large/2⌋ + 1) doubles; every step adds positive counts.
    /// </summary>
    private static double[] CountRankSum(int small, int large)
    {
        var half = small * large / 2;
        var width = half + 1;
        var previous = new double[(small + 1) * width];
        var current = new double[(small + 1) * width];

        // Column j = 0 (no y's): W = 0 in exactly one way for any number of x's.
        for (var i = 0; i <= small; i++)
        {
            previous[i * width] = 1;
        }

        for (var j = 1; j <= large; j++)
        {
            current[0] = 1;
            for (var i = 1; i <= small; i++)
            {
                // W ≤ i·j; cells above that stay zero in both buffers, since the bound only grows with j.
                var top = Math.Min(half, i * j);
                var row = i * width;
                var below = (i - 1) * width;
                var shifted = Math.Min(j, top + 1);
                Array.Copy(previous, row, current, row, shifted);
                for (var k = shifted; k <= top; k++)
                {
                    current[row + k] = previous[row + k] + current[below + k - j];
                }
            }

            (previous, current) = (current, previous);
        }

        var counts = previous.AsSpan(small * width, width);

        // The whole distribution is twice the lower half, less the middle value when small·large is even.
        var lowerSum = 0.0;
        foreach (var c in counts)
        {
            lowerSum += c;
        }

        var total = (2 * lowerSum) - (small * large % 2 == 0 ? counts[half] : 0);
        return Cumulative(counts, 1 / total);
    }

    /// <summary>
    /// The lower half of the distribution of V for <paramref name="n"/> differences, as cumulative probabilities:
    /// the number of subsets of the ranks 1..n summing to k, adding one rank at a time (c(k) += c(k − r), k
    /// downwards), out of 2ⁿ. Counts stay below 2ⁿ, exact in doubles while n ≤ 53 and well inside range beyond.
    /// </summary>
    private static double[] CountSignedRank(int n)
    {
        var half = n * (n + 1) / 4;
        var counts = new double[half + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
        {
            var top = Math.Min(half, rank * (rank + 1) / 2);
            for (var k = top; k >= rank; k--)
            {
                counts[k] += counts[k - rank];
            }
        }

        return Cumulative(counts, Math.ScaleB(1.0, -n));
    }

    private static double[] Cumulative(ReadOnlySpan<double> counts, double scale)
    {
        var cumulative = new double[counts.Length];
        var sum = 0.0;
        for (var k = 0; k < counts.Length; k++)
        {
            sum += counts[k];
            cumulative[k] = sum * scale;
        }

        return cumulative;
    }
}
