namespace Analysis.Domain.Statistics;

/// <summary>
/// The distribution of Spearman's S = Σ(rank difference)² under independence, as R's cor.test computes it
/// without ties for n &lt; 1290 (Algorithm AS 89, Best &amp; Roberts 1975): exact enumeration of all n!
/// permutations for n ≤ 9, an Edgeworth series beyond.
/// </summary>
public static class SpearmanExact
{
    private const int ExactLimit = 9;

    // Edgeworth series coefficients of AS 89.
    private static readonly double[] C = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];

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

        return n <= ExactLimit ? Enumerate(n, s, lowerTail) : Edgeworth(n, s, lowerTail);
    }

    private static double Enumerate(int n, double s, bool lowerTail)
    {
        // Count permutations whose S reaches s, visiting all n! with Heap's algorithm.
        var permutation = new int[n];
        for (var i = 0; i < n; i++)
        {
            permutation[i] = i;
        }

        var counters = new int[n];
        long total = 0, atLeast = 0;

        void Visit()
        {
            total++;
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                long d = permutation[i] - i;
                sum += d * d;
            }

            if (sum >= s)
            {
                atLeast++;
            }
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

        return (lowerTail ? total - atLeast : atLeast) / (double)total;
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
