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
    /// central upper tails, I_{1−x}(d2/2, d1/2 + j) with x = d1·f/(d1·f + d2), summed outward from the Poisson mode
    /// until the weights left are below 1e-16 of the sum (R sums AS 226's lower tail to 1e-9 and subtracts it from 1).
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

        var c = ncp / 2;
        var y = d2 / (d2 + (d1 * f)); // 1 − x, without cancellation
        var mode = Math.Floor(c);
        double Weight(double j) => Math.Exp((j * Math.Log(c)) - c - SpecialFunctions.GammaLn(j + 1));
        double Term(double j) => Weight(j) * SpecialFunctions.BetaRegularized(d2 / 2, (d1 / 2) + j, y);

        var sum = Term(mode);
        for (var j = mode + 1; ; j++)
        {
            var w = Weight(j);
            sum += w * SpecialFunctions.BetaRegularized(d2 / 2, (d1 / 2) + j, y);
            if (w < 1e-17 * Math.Max(sum, 1e-300) || j > mode + 100_000)
            {
                break;
            }
        }

        for (var j = mode - 1; j >= 0; j--)
        {
            var w = Weight(j);
            sum += w * SpecialFunctions.BetaRegularized(d2 / 2, (d1 / 2) + j, y);
            if (w < 1e-17 * Math.Max(sum, 1e-300))
            {
                break;
            }
        }

        return Math.Min(sum, 1);
    }

    /// <summary>
    /// P(X² &gt; x) for a noncentral chi-square on <paramref name="df"/> degrees of freedom with noncentrality
    /// <paramref name="ncp"/> (R: pchisq(x, df, ncp, lower.tail = FALSE)): the Poisson(ncp/2) mixture of central upper
    /// tails Q(df/2 + j, x/2), summed outward from the Poisson mode.
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

        var c = ncp / 2;
        var mode = Math.Floor(c);
        double Weight(double j) => Math.Exp((j * Math.Log(c)) - c - SpecialFunctions.GammaLn(j + 1));
        double Tail(double j) => SpecialFunctions.GammaUpperRegularized((df / 2) + j, x / 2);
        var sum = Weight(mode) * Tail(mode);
        for (var j = mode + 1; j < mode + 100_000; j++)
        {
            var w = Weight(j);
            sum += w * Tail(j);
            if (w < 1e-17 * Math.Max(sum, 1e-300))
            {
                break;
            }
        }

        for (var j = mode - 1; j >= 0; j--)
        {
            var w = Weight(j);
            sum += w * Tail(j);
            if (w < 1e-17 * Math.Max(sum, 1e-300))
            {
                break;
            }
        }

        return Math.Min(sum, 1);
    }

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
