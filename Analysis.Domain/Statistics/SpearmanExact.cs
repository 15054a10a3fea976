using System.Collections.Concurrent;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The distribution of Spearman's S = Σ(rank difference)² under independence, as R's cor.test computes it
/// without ties for n ≤ 1290 (Algorithm AS 89, Best &amp; Roberts 1975): exact for n ≤ 9, where all n! permutations
/// are counted once per n and kept, an Edgeworth series beyond.
/// </summary>
public static class SpearmanExact
{
    private const int ExactLimit = 9;

    // Edgeworth series coefficients of AS 89.
    private static readonly double[] C = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];

    // For each small n: atLeast[s] = permutations whose S ≥ s, and n!.
    private static readonly ConcurrentDictionary<int, (long[] AtLeast, long Total)> Exact = new();

    /// <summary>P(S ≥ s), or P(S &lt; s) when <paramref name="lowerTail"/>.</summary>
    public static double Probability(int n, double s, bool lowerTail)
    {
        var upperDefault = lowerTail ? 0.0 : 1.0;
        if (n <= 1 || s <= 0)
        {
            return upperDefault;
        }

        var max = (double)n * (((double)n * n) - 1) / 3; // the largest S
        if (s > max)
        {
            return 1 - upperDefault;
        }

        if (n > ExactLimit)
        {
            return Edgeworth(n, s, lowerTail);
        }

        var (atLeast, total) = Exact.GetOrAdd(n, Enumerate);
        var count = atLeast[(int)Math.Ceiling(s)];
        return (lowerTail ? total - count : count) / (double)total;
    }

    /// <summary>Counts S over all n! permutations (Heap's algorithm; 362,880 for n = 9, a few milliseconds, once).</summary>
    private static (long[] AtLeast, long Total) Enumerate(int n)
    {
        var max = n * ((n * n) - 1) / 3;
        var frequency = new long[max + 2];
        var permutation = new int[n];
        for (var i = 0; i < n; i++)
        {
            permutation[i] = i;
        }

        var counters = new int[n];
        long total = 0;

        void Visit()
        {
            total++;
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                var d = permutation[i] - i;
                sum += d * d;
            }

            frequency[sum]++;
        }

        Visit();
        var k = 1;
        while (k < n)
        {
            if (counters[k] < k)
            {
                var j = k % 2 == 0 ? 0 : counters[k];
                (permutation[j], permutation[k]) = (permutation[k], permutation[j]);
                Visit();
                counters[k]++;
                k = 1;
            }
            else
            {
                counters[k] = 0;
                k++;
            }
        }

        // Suffix sums: atLeast[s] = Σ_{t ≥ s} frequency[t].
        for (var s = max; s >= 0; s--)
        {
            frequency[s] += frequency[s + 1];
        }

        return (frequency, total);
    }

    private static double Edgeworth(int n, double s, bool lowerTail)
    {
        var b = 1.0 / n;
        // Standardised rho: rho·sqrt(n − 1) with the AS 89 continuity shift (s − 1).
        var x = ((6 * (s - 1) * b / (((double)n * n) - 1)) - 1) * Math.Sqrt((1 / b) - 1);
        var y = x * x;
        var u = x * b * (C[0] + (b * (C[1] + (C[2] * b))) +
                         (y * (-C[3] + (b * (C[4] + (C[5] * b))) -
                               (y * b * (C[6] + (C[7] * b) -
                                         (y * (C[8] - (C[9] * b) + (y * b * (C[10] - (C[11] * y))))))))));

        // The series corrects the upper tail; the lower tail takes the correction with the opposite sign.
        var correction = u / Math.Exp(y / 2);
        var p = (lowerTail ? -correction : correction) + Distributions.Normal(x, lowerTail);
        return Math.Clamp(p, 0, 1);
    }
}
