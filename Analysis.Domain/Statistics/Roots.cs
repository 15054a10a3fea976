namespace Analysis.Domain.Statistics;

/// <summary>Roots of a function of one variable: Brent's method (Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4).</summary>
public static class Roots
{
    /// <summary>
    /// A root of <paramref name="f"/> in [a, b], where f(a) and f(b) differ in sign, to within
    /// <paramref name="tolerance"/> (relative to the root, at least 1e-300 absolute): bisection, secant and inverse
    /// quadratic steps, each kept inside the bracket. Null when f(a) and f(b) have the same sign.
    /// </summary>
    public static double? Brent(Func<double, double> f, double a, double b, double tolerance = 1e-13, int maxIterations = 300)
    {
        ArgumentNullException.ThrowIfNull(f);
        double fa = f(a), fb = f(b);
        if (fa == 0)
        {
            return a;
        }

        if (fb == 0)
        {
            return b;
        }

        if (double.IsNaN(fa) || double.IsNaN(fb) || Math.Sign(fa) == Math.Sign(fb))
        {
            return null;
        }

        double c = a, fc = fa, d = b - a, e = d;
        for (var i = 0; i < maxIterations; i++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                (c, fc) = (a, fa);
                d = e = b - a;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }

            var tol = (2 * double.Epsilon) + (tolerance * Math.Abs(b)) + 1e-300;
            var m = (c - b) / 2;
            if (Math.Abs(m) <= tol || fb == 0)
            {
                return b;
            }

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q, s = fb / fa;
                if (a == c)
                {
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    var r = fb / fc;
                    q = fa / fc;
                    p = s * ((2 * m * q * (q - r)) - ((b - a) * (r - 1)));
                    q = (q - 1) * (r - 1) * (s - 1);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                if (2 * p < Math.Min((3 * m * q) - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }

            (a, fa) = (b, fb);
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
        }

        return b;
    }
}
