using MathNet.Numerics;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The studentized range distribution with one range, as R's ptukey and qtukey give it for TukeyHSD: the law of
/// Q = R/S, where R is the range of k independent standard normals and S an independent √(χ²_df/df).
/// </summary>
/// <remarks>
/// <para>
/// Each tail is computed as itself, never as one minus the other, so both keep their relative accuracy however
/// small they are (about 1e-13). The probability for the range is P(R ≤ w) = k∫φ(a)[Φ(a) − Φ(a − w)]^(k−1) da, and
/// its tail P(R &gt; w) = k∫φ(a)[Φ(a)^(k−1) − (Φ(a) − Φ(a − w))^(k−1)] da with the difference of powers formed by
/// log1p and expm1; the average over S is taken in t = ln S, where the integrand is smooth and unimodal. Both
/// integrals use the trapezoidal rule, which converges geometrically for such integrands, with a step set from the
/// width of the integrand's peak.
/// </para>
/// <para>
/// R's ptukey (Algorithm AS 190 with Copenhaver &amp; Holland's Gauss–Legendre quadrature) is accurate to about
/// 1e-8 relative in the bulk of the distribution from 3 degrees of freedom on, less in places (3e-7 for
/// ptukey(4, 4, 5000, lower.tail = FALSE)), and off by about 3e-5 on 2 degrees of freedom. Its upper tail is one
/// minus its lower, so it keeps no digits below about 1e-11, and its quadrature misses small upper tails well
/// before that (ptukey(100, 4, 2, lower.tail = FALSE) gives 2e-8 for 5e-4). Where R is accurate these agree with
/// it. Like R, more than 25000 degrees of freedom are taken as infinitely many (the range alone): R's
/// approximation, off by about 1e-4 relative at 1e5 degrees of freedom for tails near 0.04.
/// </para>
/// </remarks>
public static class StudentizedRange
{
    // R's ptukey takes S = 1 (the range alone) beyond this many degrees of freedom.
    private const double InfiniteDf = 25000;

    private const double InvSqrt2Pi = 0.398942280401432677939946059934;

    // Terms of the average over S are summed until one is below this fraction of the sum.
    private const double Negligible = 1e-17;

    // qtukey's secant iteration: R's tolerance on successive iterates and its iteration limit.
    private const double QuantileTolerance = 0.0001;
    private const int QuantileIterations = 50;

    /// <summary>P(Q ≤ q) (R: ptukey(q, nmeans, df)).</summary>
    /// <returns>NaN when an argument is NaN, <paramref name="means"/> &lt; 2 or <paramref name="df"/> &lt; 2.</returns>
    public static double Cdf(double q, double means, double df) => Probability(q, means, df, upper: false);

    /// <summary>
    /// P(Q &gt; q) computed as a tail (R: ptukey(q, nmeans, df, lower.tail = FALSE)), accurate however small.
    /// </summary>
    /// <returns>NaN when an argument is NaN, <paramref name="means"/> &lt; 2 or <paramref name="df"/> &lt; 2.</returns>
    public static double Upper(double q, double means, double df) => Probability(q, means, df, upper: true);

    /// <summary>
    /// The q with P(Q ≤ q) = p (R: qtukey(p, nmeans, df)), by R's secant iteration from the Lund &amp; Lund starting
    /// value, stopped as R stops it (successive iterates within 1e-4); where that fails (R: NaN or "convergence
    /// failed"), by a bracketing secant.
    /// </summary>
    /// <returns>0 for p = 0, +∞ for p = 1; NaN when p is outside [0, 1] or the other arguments are invalid.</returns>
    public static double Quantile(double p, double means, double df)
    {
        if (double.IsNaN(p) || !Valid(means, df) || p is < 0 or > 1)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        var x0 = StartingValue(p, means, df);
        var f0 = Cdf(x0, means, df) - p;
        var x1 = f0 > 0 ? Math.Max(0, x0 - 1) : x0 + 1;
        var f1 = Cdf(x1, means, df) - p;
        for (var iteration = 1; iteration < QuantileIterations; iteration++)
        {
            var x = Math.Max(0, x1 - (f1 * (x1 - x0) / (f1 - f0)));
            f0 = f1;
            x0 = x1;
            f1 = Cdf(x, means, df) - p;
            x1 = x;
            if (Math.Abs(x1 - x0) < QuantileTolerance)
            {
                return x;
            }
        }

        // R gives up here (NaN, or its last iterate with a warning), as for qtukey(0.1, 20, 20), where the first two
        // values both have P ≈ 0; solve by a bracketing secant instead.
        return BracketedQuantile(p, means, df);
    }

    /// <summary>
    /// The quantile by the Illinois method (a secant that keeps the root bracketed) on a bracket found by doubling,
    /// to a relative 1e-12.
    /// </summary>
    private static double BracketedQuantile(double p, double means, double df)
    {
        double low = 0, fLow = -p, high = 1, fHigh = Cdf(high, means, df) - p;
        while (fHigh < 0)
        {
            (low, fLow) = (high, fHigh);
            high *= 2;
            fHigh = Cdf(high, means, df) - p;
        }

        var side = 0;
        for (var iteration = 0; iteration < 200 && high - low > 1e-12 * high; iteration++)
        {
            var x = high - (fHigh * (high - low) / (fHigh - fLow));
            var f = Cdf(x, means, df) - p;
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                (low, fLow) = (x, f);
                fHigh = side == -1 ? fHigh / 2 : fHigh;
                side = -1;
            }
            else
            {
                (high, fHigh) = (x, f);
                fLow = side == 1 ? fLow / 2 : fLow;
                side = 1;
            }
        }

        return low + ((high - low) / 2);
    }

    private static bool Valid(double means, double df) =>
        !double.IsNaN(means) && !double.IsNaN(df) && means >= 2 && !double.IsInfinity(means) && df >= 2;

    /// <summary>
    /// The starting value of qtukey (Lund &amp; Lund's AS 190.2): Odeh &amp; Evans's approximation to the normal
    /// quantile, corrected for k and df.
    /// </summary>
    private static double StartingValue(double p, double k, double df)
    {
        const double P0 = 0.322232421088, Q0 = 0.993484626060e-01;
        const double P1 = -1.0, Q1 = 0.588581570495;
        const double P2 = -0.342242088547, Q2 = 0.531103462366;
        const double P3 = -0.204231210125, Q3 = 0.103537752850;
        const double P4 = -0.453642210148e-04, Q4 = 0.38560700634e-02;
        const double C1 = 0.8832, C2 = 0.2368, C3 = 1.214, C4 = 1.208, C5 = 1.4142;
        const double MaxDf = 120;

        var tail = 0.5 - (0.5 * p);
        var y = Math.Sqrt(Math.Log(1 / (tail * tail)));
        var t = y + (((((((((y * P4) + P3) * y) + P2) * y) + P1) * y) + P0)
            / ((((((((y * Q4) + Q3) * y) + Q2) * y) + Q1) * y) + Q0));
        if (df < MaxDf)
        {
            t += ((t * t * t) + t) / df / 4;
        }

        var factor = C1 - (C2 * t);
        if (df < MaxDf)
        {
            factor += (-C3 / df) + (C4 * t / df);
        }

        return t * ((factor * Math.Log(k - 1)) + C5);
    }

    /// <summary>P(Q ≤ q), or P(Q &gt; q) when <paramref name="upper"/>.</summary>
    private static double Probability(double q, double k, double df, bool upper)
    {
        if (double.IsNaN(q) || !Valid(k, df))
        {
            return double.NaN;
        }

        if (q <= 0)
        {
            return upper ? 1 : 0;
        }

        if (double.IsPositiveInfinity(q))
        {
            return upper ? 0 : 1;
        }

        if (df > InfiniteDf)
        {
            return Range(q, k, upper);
        }

        // The average over S of the range's probability at qS, in t = ln S: the density of t is
        // exp(ln 2 + x ln x − x − ln Γ(x) + df(t − (e^(2t) − 1)/2)) with x = df/2.
        var logNorm = LogChiNorm(df / 2);
        double LogIntegrand(double t) =>
            logNorm + (df * (t - (ExpM1(2 * t) / 2))) + Math.Log(Range(q * Math.Exp(t), k, upper));

        // The peak lies in a known bracket: the chi density peaks at t = 0, and the range's probability pulls it
        // left (upper tail, at most as far as a normal tail of R would) or right (lower tail, at most as far as
        // P(R ≤ w) ∝ w^(k−1) would). The range's probability underflows only on the far side (large t for the
        // upper tail, small t for the lower).
        var chiWidth = 1 / Math.Sqrt(2 * df);
        var (low, high) = upper
            ? ((0.5 * Math.Log((df - 1) / (df + (q * q / 2)))) - 0.1, 0.05)
            : (-0.05, (0.5 * Math.Log((df + k - 1) / df)) + 0.1);
        var centre = GoldenSectionMaximum(LogIntegrand, low, high, 0.1 * chiWidth, preferLeft: upper);
        var peak = LogIntegrand(centre);
        if (double.IsNegativeInfinity(peak))
        {
            return 0;
        }

        var h = TrapezoidStep(LogIntegrand, centre, peak, k, df, chiWidth);
        var sum = 1.0;
        foreach (var direction in (ReadOnlySpan<double>)[1, -1])
        {
            var previous = double.PositiveInfinity;
            for (var j = 1; j < 100_000; j++)
            {
                var term = Math.Exp(LogIntegrand(centre + (direction * j * h)) - peak);
                sum += term;
                if (term <= Negligible * sum && term <= previous)
                {
                    break;
                }

                previous = term;
            }
        }

        return Math.Min(1, Math.Exp(peak) * sum * h);
    }

    /// <summary>
    /// The trapezoidal step for the average over S: a fraction of the width 1/√(−f″) of the peak of the
    /// log-integrand <paramref name="f"/>, its curvature taken from second differences at two spacings (the larger).
    /// The fraction is ½ for many degrees of freedom, where the peak is close to Gaussian, and ¼ for two, where the
    /// integrand falls off only as S^df on the left. The step also resolves the fall of the range's probability
    /// wherever it lies: that takes a change of about 0.6/ln k in ln S (the relative spread of the range of k
    /// normals), so the step is at most half of it. Errors stay below 1e-13.
    /// </summary>
    private static double TrapezoidStep(Func<double, double> f, double centre, double peak, double k, double df, double chiWidth)
    {
        var curvature = 0.0;
        for (var delta = chiWidth; delta >= chiWidth / 2; delta /= 2)
        {
            var second = (f(centre + delta) - (2 * peak) + f(centre - delta)) / (delta * delta);
            if (!double.IsNaN(second))
            {
                curvature = Math.Max(curvature, -second);
            }
        }

        var width = curvature > 0 && !double.IsInfinity(curvature) ? 1 / Math.Sqrt(curvature) : chiWidth;
        var rangeSpread = Math.Min(1, 0.6 / Math.Log(k));
        return Math.Min(Math.Min(width, chiWidth) / (2 + (2 * Math.Sqrt(2 / df))), rangeSpread / 2);
    }

    /// <summary>
    /// The maximum of a unimodal function on [a, b] by golden-section search, to within the tolerance. Where the
    /// function underflows (−∞) at both inner points it moves towards the side where it does not.
    /// </summary>
    private static double GoldenSectionMaximum(Func<double, double> f, double a, double b, double tolerance, bool preferLeft)
    {
        const double Golden = 0.6180339887498949;
        var c = b - (Golden * (b - a));
        var d = a + (Golden * (b - a));
        var fc = f(c);
        var fd = f(d);
        while (b - a > tolerance)
        {
            if (fc > fd || (fc == fd && preferLeft))
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (Golden * (b - a));
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (Golden * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    /// <summary>
    /// P(R ≤ w), or P(R &gt; w) when <paramref name="upper"/>, for the range R of k standard normals: the integral over
    /// the largest value a by the trapezoidal rule, summed outwards from near the peak of the integrand (which is
    /// log-concave) until the terms are negligible.
    /// </summary>
    private static double Range(double w, double k, bool upper)
    {
        if (w <= 0)
        {
            return upper ? 1 : 0;
        }

        var m = k - 1;
        double Integrand(double a)
        {
            double power;
            if (upper)
            {
                // Φ(a)^m − (Φ(a) − Φ(a − w))^m = −Φ(a)^m·expm1(m·log1p(−Φ(a − w)/Φ(a))).
                var big = Normal(a);
                power = -Math.Pow(big, m) * ExpM1(m * Log1P(-Normal(a - w) / big));
            }
            else
            {
                power = Math.Pow(NormalInterval(a - w, a), m);
            }

            return Math.Exp(-a * a / 2) * power;
        }

        // The integrand peaks near the mode of the largest of k normals, or near w/2: beyond it for the upper tail
        // (both extremes needed), before it for the lower (all within w). Its width is that of the largest value's
        // density, or about 1/√k when w is small and all k must lie within it.
        var maxMode = Math.Sqrt(2 * Math.Log(k)) - 0.6;
        var start = upper ? Math.Max(w / 2, maxMode) : Math.Min(w / 2, maxMode);
        var step = k <= 5 ? 0.3 : k <= 20 ? 0.25 : k <= 100 ? 0.15 : 0.1;
        if (!upper)
        {
            step = Math.Min(step, 1 / Math.Sqrt(1 + (m / (1 + (w * w / 12)))) / 2.2);
        }

        var sum = Integrand(start);
        if (sum == 0)
        {
            return 0;
        }

        foreach (var direction in (ReadOnlySpan<double>)[1, -1])
        {
            var previous = double.PositiveInfinity;
            for (var j = 1; j < 10_000; j++)
            {
                var term = Integrand(start + (direction * j * step));
                sum += term;
                if (term <= Negligible * sum && term <= previous)
                {
                    break;
                }

                previous = term;
            }
        }

        return Math.Min(1, sum * step * k * InvSqrt2Pi);
    }

    /// <summary>
    /// Φ(b) − Φ(a) for a &lt; b with full relative accuracy: a series about the midpoint when the interval is short,
    /// else the difference of the two tails on the side away from 0.
    /// </summary>
    private static double NormalInterval(double a, double b)
    {
        var middle = (a + b) / 2;
        var half = (b - a) / 2;
        if (half * Math.Max(1, Math.Abs(middle)) < 0.5)
        {
            // ∫ φ over [middle − half, middle + half] = 2φ(middle)·Σⱼ He₂ⱼ(middle)·half^(2j+1)/(2j+1)!, with He the
            // probabilists' Hermite polynomials (Heₙ₊₁ = x·Heₙ − n·Heₙ₋₁). As half·max(1, |middle|) < ½, twelve terms
            // leave less than 1e-20 (a term can vanish at a root of He₂ⱼ, so none is taken as the last by its size).
            double heEven = 1, heOdd = middle, power = half, sum = half;
            for (var n = 1; n <= 12; n++)
            {
                heEven = (middle * heOdd) - (((2 * n) - 1) * heEven);
                heOdd = (middle * heEven) - (2 * n * heOdd);
                power *= half * half / (2 * n * ((2 * n) + 1));
                sum += heEven * power;
            }

            return 2 * Math.Exp(-middle * middle / 2) * InvSqrt2Pi * sum;
        }

        return middle > 0
            ? Distributions.Normal(a, lowerTail: false) - Distributions.Normal(b, lowerTail: false)
            : Normal(b) - Normal(a);
    }

    /// <summary>
    /// ln 2 + x ln x − x − ln Γ(x), the log of the constant of the density of ln S (x = df/2); by Stirling's series
    /// for large x, where the direct form would lose digits to cancellation.
    /// </summary>
    private static double LogChiNorm(double x)
    {
        if (x < 10)
        {
            return Math.Log(2) + (x * Math.Log(x)) - x - SpecialFunctions.GammaLn(x);
        }

        var r = 1 / x;
        var r2 = r * r;
        var series = r * ((1.0 / 12) - (r2 * ((1.0 / 360) - (r2 * ((1.0 / 1260) - (r2 * ((1.0 / 1680) - (r2 / 1188))))))));
        return Math.Log(2) + (0.5 * Math.Log(x)) - (0.5 * Math.Log(2 * Math.PI)) - series;
    }

    private static double Normal(double x) => Distributions.Normal(x, lowerTail: true);

    /// <summary>log(1 + x), accurate for small x.</summary>
    private static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1, accurate for small x.</summary>
    private static double ExpM1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        var u = Math.Exp(x);
        return u == 1 ? x : (u - 1) * x / Math.Log(u);
    }
}
