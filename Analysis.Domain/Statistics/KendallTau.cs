namespace Analysis.Domain.Statistics;

/// <summary>
/// Kendall's tau-b and its two-sided test (R: cor.test(x, y, method = "kendall")), in O(n log n) time by Knight's
/// algorithm (1966): a million pairs take well under a second.
/// </summary>
public static class KendallTau
{
    private const int Block = 32;

    /// <summary>
    /// R: cor.test(x, y, method = "kendall", exact = <paramref name="exact"/>), two-sided, no continuity correction.
    /// Tau is tau-b (R: cor(x, y, method = "kendall")). The p-value is exact (Statistic = T, the number of concordant
    /// pairs; R's pkendall) when <paramref name="exact"/> is true, or null and n &lt; 50, and neither variable has ties;
    /// otherwise it is the normal approximation with the tie-corrected variance of S (Statistic = z). As in R, a request
    /// for an exact p-value with ties falls back to the normal approximation.
    /// </summary>
    /// <remarks>
    /// Unlike R: an exact p-value is computed only up to n = 1000 (beyond, <c>Exact</c> is false and the normal
    /// approximation is used; R's own exact path returns NaN from n ≈ 171 on, where n! overflows), and an exact upper
    /// tail is read by symmetry as P(T ≤ N − t) rather than taken as 1 − P(T ≤ t − 1), so it keeps its digits where R's
    /// cancels (perfect agreement of 49 pairs: 2/49! ≈ 3.3·10⁻⁶³, where R prints 3.1·10⁻¹⁵; T = 1391 of 60 pairs:
    /// 4.769·10⁻¹², where R prints 4.836·10⁻¹²).
    /// When either variable is constant, tau-b is undefined: R returns NA for tau, the statistic and the p-value; this
    /// returns NaN for all three (and Exact = false).
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length or hold fewer than two pairs.</exception>
    public static KendallTest Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool? exact)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        var n = x.Length;
        if (n < 2)
        {
            throw new ArgumentException("Kendall's tau needs at least two pairs.", nameof(x));
        }

        var xs = x.ToArray();
        var ys = y.ToArray();
        Array.Sort(xs, ys);

        // Ties in x, and pairs tied in both (each x group sorted by y).
        var xTies = new TieSums();
        long jointTiedPairs = 0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && xs[end] == xs[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                xTies.Add(end - start);
                if (end - start <= Block)
                {
                    InsertionSort(ys, start, end);
                }
                else
                {
                    Array.Sort(ys, start, end - start);
                }

                jointTiedPairs += TiedPairs(ys, start, end);
            }

            start = end;
        }

        // Pairs ordered by x but not by y are the inversions of y in this order (ties in y are not inversions).
        var discordant = SortCountingInversions(ys);
        var yTies = new TieSums();
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && ys[end] == ys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                yTies.Add(end - start);
            }

            start = end;
        }

        var pairs = (long)n * (n - 1) / 2;
        if (xTies.Pairs == pairs || yTies.Pairs == pairs)
        {
            return new KendallTest(double.NaN, double.NaN, false, double.NaN);
        }

        var concordant = pairs - xTies.Pairs - yTies.Pairs + jointTiedPairs - discordant;
        var s = concordant - discordant;
        var tau = s / Math.Sqrt((double)(pairs - xTies.Pairs) * (pairs - yTies.Pairs));

        var hasTies = xTies.Pairs > 0 || yTies.Pairs > 0;
        if ((exact ?? n < 50) && !hasTies && n <= KendallDistribution.MaxN)
        {
            return new KendallTest(tau, KendallDistribution.TwoSided(n, concordant), true, concordant);
        }

        double dn = n;
        var variance = (((dn * (dn - 1) * ((2 * dn) + 5)) - xTies.Variance - yTies.Variance) / 18)
                       + (xTies.Second * yTies.Second / (2 * dn * (dn - 1)))
                       + (xTies.Third * yTies.Third / (9 * dn * (dn - 1) * (dn - 2)));
        var z = s / Math.Sqrt(variance);
        return new KendallTest(tau, 2 * Distributions.Normal(-Math.Abs(z), lowerTail: true), false, z);
    }

    private static long TiedPairs(double[] sorted, int start, int end)
    {
        long pairs = 0;
        for (var i = start; i < end;)
        {
            var j = i + 1;
            while (j < end && sorted[j] == sorted[i])
            {
                j++;
            }

            pairs += (long)(j - i) * (j - i - 1) / 2;
            i = j;
        }

        return pairs;
    }

    /// <summary>
    /// Sorts ascending and returns the number of pairs i &lt; j with a[i] &gt; a[j]: insertion sort within blocks of
    /// <see cref="Block"/> (each shift is one such pair), then bottom-up merges, where taking an element from the right
    /// half passes every element still waiting in the left half. Equal elements never count.
    /// </summary>
    private static long SortCountingInversions(double[] values)
    {
        var n = values.Length;
        long inversions = 0;
        for (var low = 0; low < n; low += Block)
        {
            inversions += InsertionSort(values, low, Math.Min(low + Block, n));
        }

        var source = values;
        var target = new double[n];
        for (var width = Block; width < n; width *= 2)
        {
            for (var low = 0; low < n; low += 2 * width)
            {
                var middle = Math.Min(low + width, n);
                var high = Math.Min(low + (2 * width), n);
                int i = low, j = middle, k = low;
                if (middle < high && source[middle - 1] > source[middle])
                {
                    while (i < middle && j < high)
                    {
                        if (source[j] < source[i])
                        {
                            target[k++] = source[j++];
                            inversions += middle - i;
                        }
                        else
                        {
                            target[k++] = source[i++];
                        }
                    }
                }

                Array.Copy(source, i, target, k, middle - i);
                k += middle - i;
                Array.Copy(source, j, target, k, high - j);
            }

            (source, target) = (target, source);
        }

        if (!ReferenceEquals(source, values))
        {
            Array.Copy(source, values, n);
        }

        return inversions;
    }

    /// <summary>Sorts values[start..end) ascending by insertion and returns how many shifts it took.</summary>
    private static long InsertionSort(double[] values, int start, int end)
    {
        long shifts = 0;
        for (var i = start + 1; i < end; i++)
        {
            var v = values[i];
            var j = i - 1;
            while (j >= start && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }

            shifts += i - 1 - j;
            values[j + 1] = v;
        }

        return shifts;
    }

    /// <summary>
    /// Sums over tie groups of size t: the tied pairs t(t − 1)/2 and R's variance terms Σ t(t − 1)(2t + 5),
    /// Σ t(t − 1) and Σ t(t − 1)(t − 2).
    /// </summary>
    private sealed class TieSums
    {
        public long Pairs { get; private set; }

        public double Variance { get; private set; }

        public double Second { get; private set; }

        public double Third { get; private set; }

        public void Add(int size)
        {
            double t = size;
            Pairs += (long)size * (size - 1) / 2;
            Variance += t * (t - 1) * ((2 * t) + 5);
            Second += t * (t - 1);
            Third += t * (t - 1) * (t - 2);
        }
    }
}
