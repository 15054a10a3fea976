using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Exact null distributions of the Wilcoxon rank-sum statistic W (R: pwilcox) and signed-rank statistic V
/// (R: psignrank), counted in doubles (W's in double-doubles). Both distributions are symmetric, so only the lower half is counted and
/// the upper tail is read through the mirror image; a tail is a sum of positive counts, never 1 − CDF, so a p-value
/// of 1e-14 keeps its digits. The tables for the sizes R's default rule makes exact (fewer than 50) are kept once
/// computed; larger sizes are counted afresh each time, up to a work limit (<see cref="IsRankSumTractable"/>,
/// <see cref="IsSignedRankTractable"/>).
/// </summary>
public static class WilcoxonDistributions
{
    /// <summary>
    /// Most coefficient updates one distribution may take to count, a third of a second at most: the rank-sum
    /// distribution of samples of 144 and 151 (where R's pwilcox takes over a second) takes 1.6 million, about 6 ms,
    /// and samples up to 584 and 584, or 150 and 1300, stay under the limit.
    /// </summary>
    private const double MaxWork = 1e8;

    /// <summary>
    /// Most differences whose signed-rank distribution is counted: 2,000 (R's psignrank stops at 1,023, where its counts
    /// pass the largest double) take about a billion additions, four at a time, and 8 MB.
    /// </summary>
    public const int MaxSignedRank = 2000;

    /// <summary>
    /// Most coefficients one rank-sum distribution may hold (⌊m·n/2⌋ + 1, 16 MB in its two arrays), so that very
    /// unequal samples (4 and five million pass the work limit) cannot take gigabytes.
    /// </summary>
    private const double MaxRankSumCoefficients = 1 << 20;

    /// <summary>Sizes below this are kept once counted: the ones R's default rule makes exact.</summary>
    private const int CachedBelow = 50;

    // Lower halves: entry k is P(S ≤ k) for k = 0 .. ⌊max/2⌋.
    private static readonly ConcurrentDictionary<(int Small, int Large), double[]> RankSumHalves = new();
    private static readonly ConcurrentDictionary<int, double[]> SignedRankHalves = new();

    /// <summary>Whether the exact distribution of W for samples of <paramref name="m"/> and <paramref name="n"/> is within the work limit.</summary>
    public static bool IsRankSumTractable(int m, int n)
    {
        var coefficients = Math.Floor((double)m * n / 2) + 1;
        return m >= 1 && n >= 1 && coefficients <= MaxRankSumCoefficients && Math.Min(m, n) * coefficients <= MaxWork;
    }

    /// <summary>Whether the exact distribution of V for <paramref name="n"/> non-zero differences is within the work limit.</summary>
    public static bool IsSignedRankTractable(int n) => n >= 1 && n <= MaxSignedRank;

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
    /// <paramref name="small"/> and <paramref name="large"/>, as cumulative probabilities. The number of orderings with
    /// W = k is the coefficient of qᵏ in the Gaussian binomial coefficient [small + large, small]_q =
    /// ∏ᵢ₌₁..small (1 − q^(large+i)) / (1 − q^i) (the partitions of k into at most `small` parts none above `large`;
    /// Andrews, The Theory of Partitions, 1976, ch. 3). Each factor is one pass over the coefficients up to
    /// ⌊small·large/2⌋ (the higher ones never feed the lower) and the degree: the product by 1 − q^(large+i), then the
    /// quotient by 1 − q^i, a running sum. After factor i the coefficients are scaled by i/(large + i), so that they
    /// are the probabilities of [large + i, i]_q and stay below 1 however large the counts (C(1000, 500) is past a
    /// double). The product subtracts nearly equal numbers near the middle, and in doubles that error grows with
    /// the sizes (1e-5 at 330 and 400), so the coefficients are kept as double-doubles (a sum hi + lo of two doubles,
    /// about 32 digits): then the two halves add up to 1 within 1e-13 at the work limit (tested), and the values agree
    /// with the all-positive recursion to 5e-15. Time small × ⌊small·large/2⌋ and memory two rows of doubles, where
    /// R's cwilcox keeps a table for every pair of smaller sizes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] CountRankSum(int small, int large)
    {
        var half = small * large / 2;
        var hi = new double[half + 1];
        var lo = new double[half + 1];
        hi[0] = 1;
        for (var i = 1; i <= small; i++)
        {
            var top = Math.Min(half, i * large); // the degree of [large + i, i]_q: above it every coefficient is 0
            var shift = large + i;
            for (var k = top; k >= shift; k--)
            {
                Add(ref hi[k], ref lo[k], -hi[k - shift], -lo[k - shift]);
            }

            for (var k = i; k <= top; k++)
            {
                Add(ref hi[k], ref lo[k], hi[k - i], lo[k - i]);
            }

            var scale = (double)i / shift;
            for (var k = 0; k <= top; k++)
            {
                Scale(ref hi[k], ref lo[k], scale);
            }
        }

        // The running sum in double-double too (in doubles it loses 1e-11 over the million terms of 1 and 2,000,000),
        // into hi, which becomes the cumulative probabilities.
        double sumHi = 0, sumLo = 0;
        for (var k = 0; k <= half; k++)
        {
            Add(ref sumHi, ref sumLo, hi[k], lo[k]);
            hi[k] = sumHi + sumLo;
        }

        return hi;
    }

    /// <summary>(hi, lo) += (bHi, bLo) in double-double arithmetic (Knuth's two-sum, then renormalised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double hi, ref double lo, double bHi, double bLo)
    {
        var sum = hi + bHi;
        var virtualB = sum - hi;
        var error = (hi - (sum - virtualB)) + (bHi - virtualB);
        error += lo + bLo;
        hi = sum + error;
        lo = error - (hi - sum);
    }

    /// <summary>(hi, lo) ×= b in double-double arithmetic (the product's rounding error by a fused multiply-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(ref double hi, ref double lo, double b)
    {
        var product = hi * b;
        var error = Math.FusedMultiplyAdd(hi, b, -product) + (lo * b);
        hi = product + error;
        lo = error - (hi - product);
    }

    /// <summary>
    /// The lower half of the distribution of V for <paramref name="n"/> differences, as cumulative probabilities:
    /// the number of subsets of the ranks 1..n summing to k, adding one rank at a time (c(k) += c(k − r), k
    /// downwards, four at a time: the four read lie below the four written once r ≥ 4), out of 2ⁿ. Only positive
    /// numbers are added, so each count keeps its relative precision. Counts reach 2ⁿ, past a double beyond 1023
    /// differences (where R's psignrank gives NaN): every 512 ranks they are divided by 2⁵¹² (exact), and the
    /// divisor is taken out of 2ⁿ at the end. A count that falls below the smallest double then is a probability
    /// below 2⁻¹⁰⁷⁴·2⁻⁵¹², nothing a p-value can show.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] CountSignedRank(int n)
    {
        const int RescaleEvery = 512;
        var half = n * (n + 1) / 4;
        var counts = new double[half + 1];
        counts[0] = 1;
        var divided = 0;
        for (var rank = 1; rank <= n; rank++)
        {
            var top = Math.Min(half, rank * (rank + 1) / 2);
            var k = top;
            if (rank >= Vector256<double>.Count)
            {
                ref var c = ref MemoryMarshal.GetArrayDataReference(counts);
                for (; k - (Vector256<double>.Count - 1) >= rank; k -= Vector256<double>.Count)
                {
                    var at = k - (Vector256<double>.Count - 1);
                    var sum = Vector256.LoadUnsafe(ref c, (nuint)at) + Vector256.LoadUnsafe(ref c, (nuint)(at - rank));
                    sum.StoreUnsafe(ref c, (nuint)at);
                }
            }

            for (; k >= rank; k--)
            {
                counts[k] += counts[k - rank];
            }

            if (rank % RescaleEvery == 0 && rank < n)
            {
                var factor = Math.ScaleB(1.0, -RescaleEvery);
                for (var i = 0; i <= top; i++)
                {
                    counts[i] *= factor;
                }

                divided += RescaleEvery;
            }
        }

        return Cumulative(counts, Math.ScaleB(1.0, -(n - divided)));
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
