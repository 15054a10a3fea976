using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The Shapiro–Wilk test of normality as R's shapiro.test computes it: Royston's algorithm AS R94 (Applied
/// Statistics 44, 1995), with his polynomial approximations to the coefficients and to the distribution of W,
/// for 3 to 5000 values.
/// </summary>
public static class ShapiroWilk
{
    /// <summary>The fewest values the test takes.</summary>
    public const int MinN = 3;

    /// <summary>The most values the test takes (the range Royston's approximations were fitted on).</summary>
    public const int MaxN = 5000;

    // Royston's published constants: polynomials in 1/√n for the two largest coefficients, in n (n ≤ 11) or log n
    // (n ≥ 12) for the mean and the log standard deviation of the normalized statistic, and the bound γ(n) for
    // small samples.
    private static readonly double[] LargestCoefficient = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
    private static readonly double[] SecondCoefficient = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
    private static readonly double[] SmallMean = [0.544, -0.39978, 0.025054, -6.714e-4];
    private static readonly double[] SmallLogSd = [1.3822, -0.77857, 0.062767, -0.0020322];
    private static readonly double[] LargeMean = [-1.5861, -0.31082, -0.083751, 0.0038915];
    private static readonly double[] LargeLogSd = [-0.4803, -0.082676, 0.0030302];
    private static readonly double[] SmallGamma = [-2.273, 0.459];

    // The exact distribution for n = 3 (AS R94's constants 6/π and asin(√(3/4)) = π/3, to its 15 digits).
    private const double SixOverPi = 1.90985931710274;
    private const double AsinRootThreeQuarters = 1.04719755119660;

    // What AS R94 (and R) report when log(1 − W) reaches the small-sample bound γ(n): an obviously tiny p-value. The
    // smallest W possible for each n lies above the bound, so this only guards the logarithm.
    private const double BeyondBound = 1e-99;

    /// <summary>
    /// The test of <paramref name="values"/> (R: shapiro.test(x)), in any order. R drops missing values first; here
    /// there must be none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 3 or more than 5000 values.</exception>
    /// <exception cref="ArgumentException">
    /// All values are identical (R: "all 'x' values are identical"), or one is NaN or infinite.
    /// </exception>
    // Runs once a session: as tier-0 code its loops took about 4 times as long (ADR-0006).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ShapiroWilkTest Test(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n is < MinN or > MaxN)
        {
            throw new ArgumentOutOfRangeException(nameof(values), n, $"The sample size must be between {MinN} and {MaxN}.");
        }

        var x = values.ToArray();
        foreach (var value in x)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("The values must be finite numbers (no NaN or infinity).", nameof(values));
            }
        }

        Array.Sort(x);
        var range = x[n - 1] - x[0];
        if (range == 0)
        {
            throw new ArgumentException("All values are identical.", nameof(values));
        }

        var w = Statistic(x, range, Coefficients(n));
        return new ShapiroWilkTest(w, PValue(w, n));
    }

    /// <summary>
    /// The coefficients a₁ ≥ a₂ ≥ … for the lower half of the sorted values (the upper half mirrors them with the
    /// opposite sign): Royston's approximation from the normal scores mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4)), with polynomial
    /// corrections for the largest one (n ≥ 4) or two (n ≥ 6), exactly √½ for n = 3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Coefficients(int n)
    {
        var half = n / 2;
        var a = new double[half];
        if (n == 3)
        {
            a[0] = Math.Sqrt(0.5);
            return a;
        }

        var m = new double[half];
        var sumSquares = 0.0;
        for (var i = 0; i < half; i++)
        {
            m[i] = Distributions.NormalQuantile((i + 1 - 0.375) / (n + 0.25));
            sumSquares += m[i] * m[i];
        }

        sumSquares *= 2;
        var rootSumSquares = Math.Sqrt(sumSquares);
        var u = 1 / Math.Sqrt(n);
        var a1 = Distributions.Horner(LargestCoefficient, u) - (m[0] / rootSumSquares);

        int first;
        double scale;
        if (n > 5)
        {
            var a2 = Distributions.Horner(SecondCoefficient, u) - (m[1] / rootSumSquares);
            scale = Math.Sqrt((sumSquares - (2 * m[0] * m[0]) - (2 * m[1] * m[1])) / (1 - (2 * a1 * a1) - (2 * a2 * a2)));
            a[1] = a2;
            first = 2;
        }
        else
        {
            scale = Math.Sqrt((sumSquares - (2 * m[0] * m[0])) / (1 - (2 * a1 * a1)));
            first = 1;
        }

        a[0] = a1;
        for (var i = first; i < half; i++)
        {
            a[i] = -m[i] / scale;
        }

        return a;
    }

    /// <summary>
    /// W as the squared correlation of the sorted values (scaled by their range) with the antisymmetric
    /// coefficients, with 1 − W formed as (√(SaSx) − Sax)(√(SaSx) + Sax)/(SaSx) so that W near 1 keeps its digits
    /// (and kept at most 1 against rounding, where exactly linear values would put it a hair above).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Statistic(double[] x, double range, double[] a)
    {
        var n = x.Length;
        double meanX = 0, meanA = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i] / range;
            meanA += Coefficient(a, i, n);
        }

        meanX /= n;
        meanA /= n;

        double ssa = 0, ssx = 0, sax = 0;
        for (var i = 0; i < n; i++)
        {
            var da = Coefficient(a, i, n) - meanA;
            var dx = (x[i] / range) - meanX;
            ssa += da * da;
            ssx += dx * dx;
            sax += da * dx;
        }

        var root = Math.Sqrt(ssa * ssx);
        return Math.Min(1, 1 - ((root - sax) * (root + sax) / (ssa * ssx)));
    }

    /// <summary>The coefficient of the i-th smallest of n values: −aᵢ in the lower half, aₙ₋₁₋ᵢ in the upper, 0 in the middle.</summary>
    private static double Coefficient(double[] a, int i, int n)
    {
        var mirror = n - 1 - i;
        return i < mirror ? -a[i] : i > mirror ? a[mirror] : 0;
    }

    /// <summary>
    /// P(W ≤ w) under normality: exact for n = 3; else log(1 − W) (n ≥ 12), or −log(γ(n) − log(1 − W)) (n ≤ 11),
    /// is taken as normal with Royston's fitted mean and standard deviation.
    /// </summary>
    private static double PValue(double w, int n)
    {
        if (n == 3)
        {
            return Math.Max(0, SixOverPi * (Math.Asin(Math.Sqrt(w)) - AsinRootThreeQuarters));
        }

        var logOneMinusW = Math.Log(1 - w);
        double y, mean, sd;
        if (n <= 11)
        {
            var gamma = Distributions.Horner(SmallGamma, n);
            if (logOneMinusW >= gamma)
            {
                return BeyondBound;
            }

            y = -Math.Log(gamma - logOneMinusW);
            mean = Distributions.Horner(SmallMean, n);
            sd = Math.Exp(Distributions.Horner(SmallLogSd, n));
        }
        else
        {
            var logN = Math.Log(n);
            y = logOneMinusW;
            mean = Distributions.Horner(LargeMean, logN);
            sd = Math.Exp(Distributions.Horner(LargeLogSd, logN));
        }

        return Distributions.Normal((y - mean) / sd, lowerTail: false);
    }
}
