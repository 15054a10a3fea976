namespace Analysis.Domain.Statistics;

/// <summary>The corrections for many tests of R's <c>p.adjust</c>, by its names (<see cref="PAdjust.Names"/>).</summary>
public enum PAdjustMethod
{
    None,
    Holm,
    Hochberg,
    Hommel,
    Bonferroni,
    BH,
    BY,
}

/// <summary>
/// R's <c>p.adjust</c>, step for step (R 4.2, stats/R/p.adjust.R): a missing p-value (NaN) stays missing and is not
/// counted in the family; a family of one is left as it is; Hommel's method on a family of two is Hochberg's, as in R.
/// </summary>
public static class PAdjust
{
    /// <summary>The wire names, as R's <c>p.adjust.methods</c> spells them (less its alias <c>fdr</c> for <c>BH</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none"];

    public static PAdjustMethod Parse(string? name) => name switch
    {
        "holm" => PAdjustMethod.Holm,
        "hochberg" => PAdjustMethod.Hochberg,
        "hommel" => PAdjustMethod.Hommel,
        "bonferroni" => PAdjustMethod.Bonferroni,
        "BH" => PAdjustMethod.BH,
        "BY" => PAdjustMethod.BY,
        _ => PAdjustMethod.None,
    };

    public static string Name(PAdjustMethod method) => method switch
    {
        PAdjustMethod.None => "none",
        PAdjustMethod.BH or PAdjustMethod.BY => method.ToString(),
        _ => method.ToString().ToLowerInvariant(),
    };

    public static double[] Adjust(IReadOnlyList<double> pValues, PAdjustMethod method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var result = pValues.ToArray();
        var present = Enumerable.Range(0, result.Length).Where(i => !double.IsNaN(result[i])).ToArray();
        var p = present.Select(i => result[i]).ToArray();
        var n = p.Length;
        if (n <= 1 || method == PAdjustMethod.None)
        {
            return result;
        }

        if (n == 2 && method == PAdjustMethod.Hommel)
        {
            method = PAdjustMethod.Hochberg;
        }

        var adjusted = method switch
        {
            PAdjustMethod.Bonferroni => p.Select(x => Math.Min(1, n * x)).ToArray(),
            PAdjustMethod.Holm => Step(p, up: false, (i, x) => (n - i) * x),
            PAdjustMethod.Hochberg => Step(p, up: true, (i, x) => (n - i) * x),
            PAdjustMethod.BH => Step(p, up: true, (i, x) => (double)n / (i + 1) * x),
            PAdjustMethod.BY => Step(p, up: true, (i, x) => Harmonic(n) * n / (i + 1) * x),
            _ => Hommel(p),
        };

        for (var k = 0; k < present.Length; k++)
        {
            result[present[k]] = adjusted[k];
        }

        return result;
    }

    /// <summary>
    /// Holm (<paramref name="up"/> false): in increasing order, the running maximum of <paramref name="scale"/>(i, p)
    /// with i the rank from 0. Hochberg, BH, BY (true): in decreasing order, the running minimum, i counting down from
    /// n − 1 (R's <c>i &lt;- lp:1L</c>, less one). Each at most 1.
    /// </summary>
    private static double[] Step(double[] p, bool up, Func<int, double, double> scale)
    {
        var order = Order(p, descending: up);
        var adjusted = new double[p.Length];
        var running = up ? double.PositiveInfinity : double.NegativeInfinity;
        for (var k = 0; k < order.Length; k++)
        {
            var value = scale(up ? p.Length - 1 - k : k, p[order[k]]);
            running = up ? Math.Min(running, value) : Math.Max(running, value);
            adjusted[order[k]] = Math.Min(1, running);
        }

        return adjusted;
    }

    /// <summary>Hommel's method as R computes it: over the sorted p-values, for each j from n − 1 down to 2.</summary>
    private static double[] Hommel(double[] unsorted)
    {
        var n = unsorted.Length;
        var order = Order(unsorted, descending: false);
        var p = order.Select(i => unsorted[i]).ToArray();
        var start = Enumerable.Range(0, n).Min(i => n * p[i] / (i + 1));
        var q = Enumerable.Repeat(start, n).ToArray();
        var pa = (double[])q.Clone();
        for (var j = n - 1; j >= 2; j--)
        {
            // R: i1 <- 1:(n-j+1), i2 <- (n-j+2):n (1-based); q1 <- min(j * p[i2] / (2:j)).
            var q1 = double.PositiveInfinity;
            for (var k = n - j + 1; k < n; k++)
            {
                q1 = Math.Min(q1, j * p[k] / (k - (n - j + 1) + 2));
            }

            for (var k = 0; k <= n - j; k++)
            {
                q[k] = Math.Min(j * p[k], q1);
            }

            for (var k = n - j + 1; k < n; k++)
            {
                q[k] = q[n - j];
            }

            for (var k = 0; k < n; k++)
            {
                pa[k] = Math.Max(pa[k], q[k]);
            }
        }

        var adjusted = new double[n];
        for (var k = 0; k < n; k++)
        {
            adjusted[order[k]] = Math.Max(pa[k], p[k]);
        }

        return adjusted;
    }

    /// <summary>A stable order (ties keep their places), as R's <c>order</c>.</summary>
    private static int[] Order(double[] p, bool descending)
    {
        var order = Enumerable.Range(0, p.Length).ToArray();
        return descending
            ? [.. order.OrderByDescending(i => p[i])]
            : [.. order.OrderBy(i => p[i])];
    }

    private static double Harmonic(int n)
    {
        var sum = 0.0;
        for (var i = 1; i <= n; i++)
        {
            sum += 1.0 / i;
        }

        return sum;
    }
}
