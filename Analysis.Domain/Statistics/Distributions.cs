using MathNet.Numerics;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Tail probabilities computed as tails — through the regularized incomplete beta and gamma functions —
/// never as 1 − CDF, so a p-value of 1e-31 keeps its digits (checked against R's pt, pf, pchisq, qt).
/// </summary>
public static class Distributions
{
    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom (R: 2·pt(−|t|, df)).</summary>
    public static double StudentTTwoSided(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || df <= 0)
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var t2 = t * t;
        return Math.Min(1, SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t2)));
    }

    /// <summary>P(T ≥ t) (R: pt(t, df, lower.tail = FALSE)).</summary>
    public static double StudentTUpper(double t, double df)
    {
        var half = StudentTTwoSided(t, df) / 2;
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>
    /// The t quantile (R: qt(p, df)), found by bisection on the tail probability itself: it holds for any level
    /// and df (a 99.99 % interval on one degree of freedom reaches t ≈ 6366) and is as accurate as the tail.
    /// </summary>
    public static double StudentTQuantile(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || df <= 0 || p is <= 0 or >= 1)
        {
            return p switch { 0 => double.NegativeInfinity, 1 => double.PositiveInfinity, _ => double.NaN };
        }

        if (p < 0.5)
        {
            return -StudentTQuantile(1 - p, df);
        }

        // Solve for t ≥ 0 on whichever side is small, so its digits are the ones that count: the central
        // probability P(|T| < t) = 2p − 1 near the middle, the two-sided tail P(|T| ≥ t) = 2(1 − p) beyond.
        var central = p < 0.75;
        var target = central ? (2 * p) - 1 : 2 * (1 - p);
        bool Below(double t) => central ? StudentTCentral(t, df) < target : StudentTTwoSided(t, df) > target;

        double low = 0, high = 1;
        while (Below(high))
        {
            low = high;
            high *= 2;
            if (double.IsInfinity(high))
            {
                return double.PositiveInfinity;
            }
        }

        for (var i = 0; i < 2000 && high - low > 4 * double.Epsilon && (high - low) / high > 1e-15; i++)
        {
            var middle = low + ((high - low) / 2);
            if (Below(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low + ((high - low) / 2);
    }

    /// <summary>P(|T| &lt; t) for t ≥ 0, computed directly (accurate when it is small).</summary>
    private static double StudentTCentral(double t, double df)
    {
        var t2 = t * t;
        return SpecialFunctions.BetaRegularized(0.5, df / 2, t2 / (df + t2));
    }

    /// <summary>P(F ≥ f) for the F distribution (R: pf(f, d1, d2, lower.tail = FALSE)).</summary>
    public static double FUpper(double f, double d1, double d2)
    {
        if (double.IsNaN(f) || d1 <= 0 || d2 <= 0)
        {
            return double.NaN;
        }

        if (f <= 0)
        {
            return 1;
        }

        return double.IsPositiveInfinity(f) ? 0 : SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + (d1 * f)));
    }

    /// <summary>P(X² ≥ x) for chi-square with k degrees of freedom (R: pchisq(x, k, lower.tail = FALSE)).</summary>
    public static double ChiSquareUpper(double x, double k)
    {
        if (double.IsNaN(x) || k <= 0)
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1;
        }

        return double.IsPositiveInfinity(x) ? 0 : SpecialFunctions.GammaUpperRegularized(k / 2, x / 2);
    }

    /// <summary>Standard normal tail: P(Z ≤ x) when <paramref name="lowerTail"/>, else P(Z ≥ x) (R: pnorm).</summary>
    public static double Normal(double x, bool lowerTail) =>
        0.5 * SpecialFunctions.Erfc((lowerTail ? -x : x) / Math.Sqrt(2));
}
