using System.Collections.Concurrent;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The exact null distribution of Kendall's T, the number of concordant pairs among n untied pairs (R: cor.test's
/// pkendall, the ckendall recursion of R's kendall.c), kept as probabilities rather than counts so that it neither
/// overflows nor loses the digits of a small tail.
/// </summary>
/// <remarks>
/// T counts the inversions of a random permutation. Inserting the m-th element adds 0 to m − 1 inversions with equal
/// chance, so P_m(k) = (1/m)·Σ_{j=0}^{m−1} P_{m−1}(k − j): R's recursion on counts, divided by m at every step. Only
/// k ≤ N/2 (N = n(n − 1)/2) is needed, T being symmetric about N/2, and only up to the k asked for: the lower half is
/// computed once and kept for n ≤ 100; a larger n computes up to k for the call, in n·k steps.
/// </remarks>
internal static class KendallDistribution
{
    /// <summary>The largest n for which the exact distribution is computed (at most about 2.5·10⁸ steps).</summary>
    public const int MaxN = 1000;

    // Distributions for n up to this are kept (at most 20 kB each); larger ones are computed for the call only.
    private const int CachedN = 100;

    // For each small n: lowerHalf[k] = P(T ≤ k) for 0 ≤ k ≤ N/2.
    private static readonly ConcurrentDictionary<int, double[]> LowerHalf = new();

    /// <summary>
    /// The two-sided p-value for t concordant pairs among n (R: min(2·p, 1), p = P(T ≥ t) when t &gt; N/2, else P(T ≤ t));
    /// the upper tail is read as the lower tail at N − t, so it keeps its digits however small it is.
    /// </summary>
    public static double TwoSided(int n, long t)
    {
        var pairs = (long)n * (n - 1) / 2;
        var k = (int)(2 * t > pairs ? pairs - t : t);
        var lower = n <= CachedN ? LowerHalf.GetOrAdd(n, m => Cumulative(m, (int)((long)m * (m - 1) / 4)))[k] : Cumulative(n, k)[k];
        return Math.Min(1, 2 * lower);
    }

    /// <summary>P(T ≤ k) for 0 ≤ k ≤ <paramref name="last"/>, in n·last steps.</summary>
    private static double[] Cumulative(int n, int last)
    {
        var p = new double[last + 1];
        var cumulative = new double[last + 1];
        p[0] = 1;
        for (var m = 2; m <= n; m++)
        {
            var running = 0.0;
            for (var k = 0; k <= last; k++)
            {
                running += p[k];
                cumulative[k] = running;
            }

            for (var k = 0; k <= last; k++)
            {
                p[k] = (cumulative[k] - (k >= m ? cumulative[k - m] : 0)) / m;
            }
        }

        var sum = 0.0;
        for (var k = 0; k <= last; k++)
        {
            sum += p[k];
            cumulative[k] = sum;
        }

        return cumulative;
    }
}
