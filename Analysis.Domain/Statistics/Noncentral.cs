using MathNet.Numerics;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The noncentral t and F distributions, for power and sample size: R's <c>pt(q, df, ncp)</c> and
/// <c>pf(q, df1, df2, ncp)</c>.
/// </summary>
public static class Noncentral
{
    private const double SqrtTwoOverPi = 0.79788456080286535588;
    private const double LogSqrtPi = 0.57236494292470008707;

    /// <summary>
    /// P(T ≤ t) for T noncentral t on <paramref name="df"/> degrees of freedom with noncentrality
    /// <paramref name="ncp"/> (R: pt(t, df, ncp)). Lenth's algorithm AS 243 (Applied Statistics 38, 1989): the
    /// distribution as a Poisson-weighted pair of series of incomplete beta functions (odd and even terms), summed
    /// until the remaining Poisson mass bounds the error below 1e-12; beyond df 4e5 or a noncentrality whose
    /// weights underflow, the normal approximation of Abramowitz and Stegun 26.7.10, as R does.
    /// </summary>
    public static double TLower(double t, double df, double ncp)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || double.IsNaN(ncp) || df <= 0)
        {
            return double.NaN;
        }

        if (ncp == 0)
        {
            return 1 - Distributions.StudentTUpper(t, df);
        }

        if (double.IsInfinity(t))
        {
            return t < 0 ? 0 : 1;
        }

        // For t < 0, P(T ≤ t; δ) = P(T ≥ −t; −δ): the series is summed for −t and −δ, and the tail swapped.
        var negative = t < 0;
        if (negative && ncp > 40)
        {
            return 0; // below Φ(−40)
        }

        var (tt, del) = negative ? (-t, -ncp) : (t, ncp);
        double tail;
        if (df > 4e5 || del * del > 2 * Math.Log(2) * 1021)
        {
            var s = 1 / (4 * df);
            tail = Distributions.Normal((tt * (1 - s) - del) / Math.Sqrt(1 + (tt * tt * 2 * s)), lowerTail: true);
            return negative ? 1 - tail : tail;
        }

        var x = t * t / ((t * t) + df);
        double sum = 0;
        if (x > 0)
        {
            var lambda = del * del;
            var p = 0.5 * Math.Exp(-0.5 * lambda);
            if (p == 0)
            {
                return negative ? 1 : 0;
            }

            var q = SqrtTwoOverPi * p * del;
            var remaining = 0.5 - p;
            if (remaining < 1e-7)
            {
                remaining = -0.5 * double.ExpM1(-0.5 * lambda);
            }

            double a = 0.5, b = 0.5 * df;
            var rxb = Math.Pow(1 - x, b);
            var logBeta = LogSqrtPi + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(0.5 + b);
            var xOdd = SpecialFunctions.BetaRegularized(a, b, x);
            var gOdd = 2 * rxb * Math.Exp((a * Math.Log(x)) - logBeta);
            var bx = b * x;
            var xEven = bx < 2.220446049250313e-16 ? bx : 1 - rxb;
            var gEven = bx * rxb;
            sum = (p * xOdd) + (q * xEven);
            for (var it = 1; it <= 1000; it++)
            {
                a += 1;
                xOdd -= gOdd;
                xEven -= gEven;
                gOdd *= x * (a + b - 1) / a;
                gEven *= x * (a + b - 0.5) / (a + 0.5);
                p *= lambda / (2 * it);
                q *= lambda / (2 * it + 1);
                sum += (p * xOdd) + (q * xEven);
                remaining -= p;
                if (remaining < -1e-10 || (remaining <= 0 && it > 1) || Math.Abs(2 * remaining * (xOdd - gOdd)) < 1e-12)
                {
                    break;
                }
            }
        }

        sum += Distributions.Normal(-del, lowerTail: true);
        var lower = Math.Min(sum, 1);
        return negative ? 1 - lower : lower;
    }

    /// <summary>P(T &gt; t) (R: pt(t, df, ncp, lower.tail = FALSE)).</summary>
    public static double TUpper(double t, double df, double ncp) => 1 - TLower(t, df, ncp);

    /// <summary>
    /// P(F &gt; f) for F noncentral on <paramref name="d1"/> and <paramref name="d2"/> degrees of freedom with
    /// noncentrality <paramref name="ncp"/> (R: pf(f, d1, d2, ncp, lower.tail = FALSE)): the Poisson(ncp/2) mixture of
    /// central upper tails 1 − I_x(d1/2 + j, d2/2), x = d1·f/(d1·f + d2), over the Poisson's mass (its mode ± 12 SDs).
    /// </summary>
    public static double FUpper(double f, double d1, double d2, double ncp)
    {
        if (double.IsNaN(f) || d1 <= 0 || d2 <= 0 || ncp < 0 || double.IsNaN(ncp))
        {
            return double.NaN;
        }

        if (f <= 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(f))
        {
            return 0;
        }

        if (ncp == 0)
        {
            return Distributions.FUpper(f, d1, d2);
        }

        // Upward from the lowest term, each tail from the one before (1 − I_x(a + j + 1, b) = 1 − I_x(a + j, b) + g_j,
        // g_j = x^(a+j)·(1 − x)^b / ((a + j)·B(a + j, b))): positive additions only, a few flops a term.
        double a = d1 / 2, b = d2 / 2, x = d1 * f / ((d1 * f) + d2), y = d2 / (d2 + (d1 * f));
        return PoissonMixture(ncp / 2, j =>
        {
            var tail = SpecialFunctions.BetaRegularized(b, a + j, y);
            var step = Math.Exp(((a + j) * Math.Log(x)) + (b * Math.Log(y)) - Math.Log(a + j) - LogBeta(a + j, b));
            return (tail, step);
        }, (j, step) => step * x * (a + j + b) / (a + j + 1));
    }

    /// <summary>
    /// P(X² &gt; x) for a noncentral chi-square on <paramref name="df"/> degrees of freedom with noncentrality
    /// <paramref name="ncp"/> (R: pchisq(x, df, ncp, lower.tail = FALSE)): the Poisson(ncp/2) mixture of central upper
    /// tails Q(df/2 + j, x/2), each from the one before (Q(s + 1, z) = Q(s, z) + z^s·e^(−z)/Γ(s + 1)).
    /// </summary>
    public static double ChiSquareUpper(double x, double df, double ncp)
    {
        if (double.IsNaN(x) || df <= 0 || ncp < 0 || double.IsNaN(ncp))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1;
        }

        if (ncp == 0)
        {
            return Distributions.ChiSquareUpper(x, df);
        }

        double s = df / 2, z = x / 2;
        return PoissonMixture(ncp / 2, j =>
        {
            var tail = SpecialFunctions.GammaUpperRegularized(s + j, z);
            var step = Math.Exp(((s + j) * Math.Log(z)) - z - SpecialFunctions.GammaLn(s + j + 1));
            return (tail, step);
        }, (j, step) => step * z / (s + j + 1));
    }

    /// <summary>
    /// Σⱼ Poisson(j; c)·Tⱼ over j from the mode − 12√c − 12 to the mode + 12√c + 12 (the weights beyond are below
    /// e⁻⁷⁰ of the largest): <paramref name="start"/> gives T and the step to the next at the first j, and
    /// <paramref name="next"/> each step from the one before (T increases by the step); the weights by their recurrence.
    /// Bounded work whatever c: about 24√c terms of a few flops.
    /// </summary>
    private static double PoissonMixture(double c, Func<double, (double Tail, double Step)> start, Func<double, double, double> next)
    {
        var spread = (12 * Math.Sqrt(c)) + 12;
        double first = Math.Max(0, Math.Floor(c - spread)), last = Math.Floor(c + spread);
        var weight = Math.Exp((first * Math.Log(c)) - c - SpecialFunctions.GammaLn(first + 1));
        var (tail, step) = start(first);
        double sum = 0;
        for (var j = first; j <= last; j++)
        {
            sum += weight * Math.Min(tail, 1);
            tail += step;
            step = next(j, step);
            weight *= c / (j + 1);
        }

        return Math.Min(sum, 1);
    }

    private static double LogBeta(double a, double b) =>
        SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    /// <summary>The upper quantile of the central F distribution: f with P(F &gt; f) = α (R: qf(α, d1, d2, lower.tail = FALSE)).</summary>
    public static double FUpperQuantile(double alpha, double d1, double d2)
    {
        double high = 1;
        while (Distributions.FUpper(high, d1, d2) > alpha && high < 1e300)
        {
            high *= 4;
        }

        return Roots.Brent(f => Distributions.FUpper(f, d1, d2) - alpha, 0, high, 1e-15) ?? double.NaN;
    }

    /// <summary>The upper quantile of Student's t: t with P(T &gt; t) = α (R: qt(α, df, lower.tail = FALSE)).</summary>
    public static double TUpperQuantile(double alpha, double df)
    {
        if (alpha >= 0.5)
        {
            return Distributions.StudentTQuantile(1 - alpha, df);
        }

        double high = 1;
        while (Distributions.StudentTUpper(high, df) > alpha && high < 1e300)
        {
            high *= 4;
        }

        return Roots.Brent(t => Math.Log(Distributions.StudentTUpper(t, df)) - Math.Log(alpha), 0, high, 1e-15) ?? double.NaN;
    }
}
