using MathNet.Numerics;
using MathNet.Numerics.Distributions;

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

    /// <summary>The t quantile (R: qt(p, df)).</summary>
    public static double StudentTQuantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);

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
