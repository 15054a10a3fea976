namespace Analysis.Domain.Statistics;

/// <summary>
/// Fisher's exact test for count tables (R: fisher.test). A 2 × 2 table gets R's p-value, conditional
/// maximum-likelihood odds ratio and its confidence interval; an r × c table gets R's p-value, found with the network
/// algorithm of Mehta and Patel (<see cref="FisherNetwork"/>).
/// </summary>
public static class FisherExact
{
    /// <summary>
    /// R's tolerance for tables as likely as the observed one: fisher.test's relErr for a 2 × 2 table, used for r × c too.
    /// </summary>
    internal const double RelativeError = 1 + 1e-7;

    /// <summary>
    /// R: fisher.test(matrix(c(a, c, b, d), 2), conf.level = confidenceLevel) for the table [[a, b], [c, d]]: the
    /// two-sided p-value (the probability of every table with these margins no more likely than the observed one, with
    /// R's relErr = 1 + 10⁻⁷), the conditional maximum-likelihood odds ratio (the ψ with E[a | margins, ψ] = a under the
    /// noncentral hypergeometric; 0 when a is the smallest value the margins allow, ∞ when it is the largest) and the
    /// two-sided confidence interval (R's ncp.L and ncp.U: the ψ at which P(X ≥ a) and P(X ≤ a) equal (1 − level)/2).
    /// </summary>
    /// <remarks>
    /// R finds the estimate and the limits with uniroot at its default tolerance (about 1.2·10⁻⁴ on ψ or 1/ψ, whichever
    /// lies in (0, 1)), so its printed values can be several per cent off for a large ψ; these are solved in θ = log ψ to
    /// full double precision instead, the root R's equations define.
    /// </remarks>
    public static FisherTest TwoByTwo(int a, int b, int c, int d, double confidenceLevel)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "Every count must be non-negative.");
        }

        if (!(confidenceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), "The confidence level must lie strictly between 0 and 1.");
        }

        var distribution = new NoncentralHypergeometric((long)a + c, (long)b + d, (long)a + b);
        var p = Math.Clamp(distribution.TwoSidedPValue(a, RelativeError), 0, 1);
        var alpha = (1 - confidenceLevel) / 2;
        return new FisherTest(p, Estimate(distribution, a), LowerLimit(distribution, a, alpha), UpperLimit(distribution, a, alpha));
    }

    /// <summary>
    /// R: fisher.test(table)$p.value for an r × c table (rows and columns with a zero total are expected to have been
    /// removed already; any left are dropped here, and a table left with one row or column has p = 1). The probability of
    /// every table with the observed margins no more likely than the observed one (relative tolerance 1 + 10⁻⁷).
    /// </summary>
    /// <param name="table">The counts, at least 2 × 2, none negative.</param>
    /// <param name="maxNodes">
    /// The most work allowed, in units of one transition of the network examined (an edge enumerated while bounding, or
    /// one past probability classified at a node or carried along an edge) plus one per count in the table (its table
    /// of log k!). About ten million units take a second and at most a few hundred megabytes; 10⁷ is a sensible bound.
    /// </param>
    /// <returns>The p-value, or null when it would take more than <paramref name="maxNodes"/> units of work.</returns>
    public static double? RByC(int[,] table, long maxNodes)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.GetLength(0) < 2 || table.GetLength(1) < 2)
        {
            throw new ArgumentException("The table must have at least two rows and two columns.", nameof(table));
        }

        foreach (var count in table)
        {
            if (count < 0)
            {
                throw new ArgumentException("Every count must be non-negative.", nameof(table));
            }
        }

        return FisherNetwork.PValue(table, maxNodes);
    }

    /// <summary>R: fisher.test's mle — solve E[X | ψ] = x.</summary>
    private static double Estimate(NoncentralHypergeometric distribution, long x)
    {
        if (x == distribution.Low)
        {
            return 0;
        }

        if (x == distribution.High)
        {
            return double.PositiveInfinity;
        }

        return Math.Exp(SolveIncreasing(theta => distribution.Mean(theta) - x));
    }

    /// <summary>R: fisher.test's ncp.L — the ψ with P(X ≥ x | ψ) = α.</summary>
    private static double LowerLimit(NoncentralHypergeometric distribution, long x, double alpha) =>
        x == distribution.Low ? 0 : Math.Exp(SolveIncreasing(theta => distribution.UpperTail(x, theta) - alpha));

    /// <summary>R: fisher.test's ncp.U — the ψ with P(X ≤ x | ψ) = α.</summary>
    private static double UpperLimit(NoncentralHypergeometric distribution, long x, double alpha) =>
        x == distribution.High
            ? double.PositiveInfinity
            : Math.Exp(SolveIncreasing(theta => alpha - distribution.LowerTail(x, theta)));

    /// <summary>
    /// The root of an increasing function of θ = log ψ that changes sign somewhere: bracketed by doubling from [−1, 1],
    /// then bisected until the bracket is a few ulps wide (in θ, so ψ keeps its relative precision at any size).
    /// </summary>
    private static double SolveIncreasing(Func<double, double> f)
    {
        const double Limit = 4096;
        double low = -1, high = 1;
        while (f(low) > 0)
        {
            high = low;
            low *= 2;
            if (low < -Limit)
            {
                return double.NegativeInfinity;
            }
        }

        while (f(high) < 0)
        {
            low = high;
            high *= 2;
            if (high > Limit)
            {
                return double.PositiveInfinity;
            }
        }

        while (high - low > 4 * double.Epsilon && high - low > 2e-16 * Math.Max(1, Math.Max(Math.Abs(low), Math.Abs(high))))
        {
            var middle = low + ((high - low) / 2);
            if (middle <= low || middle >= high)
            {
                break;
            }

            if (f(middle) < 0)
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
}
