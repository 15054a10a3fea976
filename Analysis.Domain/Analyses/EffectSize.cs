namespace Analysis.Domain.Analyses;

/// <summary>
/// One effect size with its interval, as the R package effectsize 0.8.3 computes it with its defaults (ADR-0024):
/// <see cref="Alternative"/> <c>two.sided</c> (an interval at <see cref="ConfidenceLevel"/>) or <c>greater</c> (a
/// one-sided interval whose upper end is the largest value the measure can take).
/// </summary>
public sealed record EffectSize(string Name, double Estimate, double[] ConfidenceInterval, double ConfidenceLevel, string Alternative);

/// <summary>
/// effectsize 0.8.3's effect sizes of t and F tests, their intervals from the noncentral t and F: the noncentrality
/// whose distribution puts the observed statistic at each tail's probability, found as an exact root (effectsize's
/// <c>optim</c> approaches the same roots).
/// </summary>
public static class EffectSizes
{
    public const string TwoSided = "two.sided";
    public const string Greater = "greater";

    /// <summary>
    /// Cohen's d and Hedges' g of a difference (R: effectsize::cohens_d, hedges_g): d = difference / s, its interval
    /// the noncentrality interval of t = difference / se on df degrees of freedom times √hn (hn = 1/n₁ + 1/n₂ for two
    /// samples with the pooled SD, 1/n for one sample or pairs); g = d·J and its interval times J, J = Γ(df/2) /
    /// (√(df/2)·Γ((df − 1)/2)).
    /// </summary>
    public static EffectSize[] CohensDAndHedgesG(double difference, double s, double se, double df, double hn, double level)
    {
        var t = difference / se;
        var (low, high) = TNoncentrality(t, df, level);
        var (d, dLow, dHigh) = (difference / s, low * Math.Sqrt(hn), high * Math.Sqrt(hn));
        var j = Math.Exp(MathNet.Numerics.SpecialFunctions.GammaLn(df / 2) - Math.Log(Math.Sqrt(df / 2)) - MathNet.Numerics.SpecialFunctions.GammaLn((df - 1) / 2));
        return
        [
            new("Cohen's d", d, [dLow, dHigh], level, TwoSided),
            new("Hedges' g", d * j, [dLow * j, dHigh * j], level, TwoSided),
        ];
    }

    /// <summary>
    /// η², ω² and ε² of a one-way F test (R: effectsize::eta_squared, omega_squared, epsilon_squared on the aov), each
    /// with effectsize's one-sided interval: the F each estimate implies, its noncentrality interval at the two-sided
    /// level 2·level − 1, the lower end as ncp / (ncp + df₂), the upper end 1.
    /// </summary>
    public static EffectSize[] OneWay(double f, double df1, double df2, double level)
    {
        var eta = f * df1 / ((f * df1) + df2);
        var epsilon = Math.Max(0, (f - 1) * df1 / ((f * df1) + df2));
        var omega = Math.Max(0, (f - 1) * df1 / ((f * df1) + df2 + 1));
        EffectSize Of(string name, double estimate)
        {
            var implied = Math.Max(0, estimate / df1 / ((1 - estimate) / df2));
            var (low, _) = FNoncentrality(implied, df1, df2, (2 * level) - 1);
            return new(name, estimate, [low / (low + df2), 1], level, Greater);
        }

        return [Of("Eta2", eta), Of("Omega2", omega), Of("Epsilon2", epsilon)];
    }

    /// <summary>
    /// Cramér's V (and φ for a 2×2 table) of a chi-square statistic as effectsize 0.8.3's <c>cramers_v</c> and
    /// <c>phi</c> give them by default: bias-adjusted (φ² less df/(n − 1), at least 0; V divided by √(min(k̃, l̃) − 1) with
    /// the adjusted k̃ = r − (r − 1)²/(n − 1)), with the one-sided interval from the noncentral chi-square (the
    /// noncentrality putting the statistic at 0.95 of its distribution, as √(ncp / n), adjusted alike), upper end 1.
    /// </summary>
    public static EffectSize[] ChiSquare(double chisq, int n, int rows, int columns, double level = SpecFields.DefaultConfidenceLevel)
    {
        double df = (rows - 1.0) * (columns - 1.0), bias = df / (n - 1.0);
        var central = 1 - Statistics.Distributions.ChiSquareUpper(chisq, df);
        var p = 1 - ((1 - ((2 * level) - 1)) / 2);
        var ncp = central <= p ? 0 : RootFrom0(x => 1 - Statistics.Noncentral.ChiSquareUpper(chisq, df, x) - p, chisq);
        double Adjusted(double phiSquared) => Math.Sqrt(Math.Max(0, phiSquared - bias));
        var (phi, low) = (Adjusted(chisq / n), Adjusted(ncp / n));
        double k = rows - ((rows - 1.0) * (rows - 1.0) / (n - 1.0)), l = columns - ((columns - 1.0) * (columns - 1.0) / (n - 1.0));
        var divisor = Math.Sqrt(Math.Min(k, l) - 1);
        var v = new EffectSize("Cramer's V", phi / divisor, [low / divisor, 1], level, Greater);
        return rows == 2 && columns == 2 ? [v, new EffectSize("phi", phi, [low, 1], level, Greater)] : [v];
    }

    /// <summary>
    /// The rank-biserial correlation r with effectsize's interval: tanh(atanh(r) ± z·se) with se =
    /// √((n₁ + n₂ + 1)/(3·n₁·n₂)) for two samples (R: effectsize::rank_biserial(x, y)), or, for <paramref name="n2"/>
    /// null, se = √((2n³ + 3n² + n)/6) / (n(n + 1)/2) over the n non-zero differences (paired or against mu).
    /// </summary>
    public static EffectSize RankBiserial(double r, int n1, int? n2, double level = SpecFields.DefaultConfidenceLevel)
    {
        double n = n1;
        var se = n2 is { } m
            ? Math.Sqrt((n1 + m + 1.0) / (3.0 * n1 * m))
            : Math.Sqrt(((2 * n * n * n) + (3 * n * n) + n) / 6) / ((n * n) + n) * 2;
        var z = Statistics.Distributions.NormalQuantile(1 - ((1 - level) / 2));
        var centre = Math.Atanh(r);
        return new("r (rank biserial)", r, [Math.Tanh(centre - (z * se)), Math.Tanh(centre + (z * se))], level, TwoSided);
    }

    /// <summary>
    /// The noncentralities δ with P(T ≤ t; δ) = 1 − α/2 (low) and α/2 (high), α = 1 − level (effectsize's .get_ncp_t).
    /// </summary>
    public static (double Low, double High) TNoncentrality(double t, double df, double level)
    {
        var alpha = 1 - level;
        return (Root(x => Statistics.Noncentral.TLower(t, df, x) - (1 - (alpha / 2)), t), Root(x => Statistics.Noncentral.TLower(t, df, x) - (alpha / 2), t));
    }

    /// <summary>
    /// The noncentralities λ with P(F ≤ f; λ) = 1 − α/2 (low) and α/2 (high), each 0 where the central distribution
    /// already puts f below that probability (effectsize's .get_ncp_F).
    /// </summary>
    public static (double Low, double High) FNoncentrality(double f, double df1, double df2, double level)
    {
        var alpha = 1 - level;
        var central = 1 - Statistics.Distributions.FUpper(f, df1, df2);
        double Bound(double p) => central <= p ? 0 : RootFrom0(x => 1 - Statistics.Noncentral.FUpper(f, df1, df2, x) - p, f * df1);
        return (Bound(1 - (alpha / 2)), Bound(alpha / 2));
    }

    /// <summary>A root of a function decreasing in x, bracketed outward from <paramref name="start"/>.</summary>
    private static double Root(Func<double, double> decreasing, double start)
    {
        double width = 1, low = start - width, high = start + width;
        for (var i = 0; i < 60 && !(decreasing(low) > 0 && decreasing(high) < 0); i++)
        {
            width *= 2;
            (low, high) = (start - width, start + width);
        }

        return Statistics.Roots.Brent(decreasing, low, high, 1e-13) ?? double.NaN;
    }

    /// <summary>A root of a function decreasing in x ≥ 0 that is positive at 0.</summary>
    private static double RootFrom0(Func<double, double> decreasing, double guess)
    {
        var high = Math.Max(1, 2 * guess);
        for (var i = 0; i < 60 && decreasing(high) > 0; i++)
        {
            high *= 2;
        }

        return Statistics.Roots.Brent(decreasing, 0, high, 1e-13) ?? double.NaN;
    }
}
