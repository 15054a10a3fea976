namespace Analysis.Domain.Statistics;

/// <summary>
/// The distribution of the top-left cell X of a 2 × 2 table given its margins when the odds ratio is e^θ: Fisher's
/// noncentral hypergeometric distribution, P(X = k) ∝ choose(m, k)·choose(n, t − k)·e^(θk) on max(0, t − n) ≤ k ≤ min(t, m),
/// the dnhyper, mnhyper and pnhyper of R's fisher.test.
/// </summary>
/// <remarks>
/// The weights are log-concave in k, so they rise to one mode and fall away from it. They are built from that mode
/// outwards as running sums of log(P(X = k + 1)/P(X = k)), each ratio of four counts taken in one logarithm, and the walk
/// stops where a weight falls e^800 below the mode's: beyond e^−745 a double is zero, as it is in R's
/// exp(d − max(d)). The work is then proportional to the spread of the distribution, not to its support, so a table
/// with millions of counts costs thousands of terms per evaluation.
/// </remarks>
internal sealed class NoncentralHypergeometric
{
    private const double Cutoff = 800;

    private readonly long _firstColumn;
    private readonly long _secondColumn;
    private readonly long _firstRow;

    /// <param name="firstColumn">m, the first column's total (a + c).</param>
    /// <param name="secondColumn">n, the second column's total (b + d).</param>
    /// <param name="firstRow">t, the first row's total (a + b).</param>
    public NoncentralHypergeometric(long firstColumn, long secondColumn, long firstRow)
    {
        _firstColumn = firstColumn;
        _secondColumn = secondColumn;
        _firstRow = firstRow;
        Low = Math.Max(0, firstRow - secondColumn);
        High = Math.Min(firstRow, firstColumn);
    }

    /// <summary>The smallest possible value of X (R: lo).</summary>
    public long Low { get; }

    /// <summary>The largest possible value of X (R: hi).</summary>
    public long High { get; }

    /// <summary>E[X] at odds ratio e^θ (R: mnhyper(exp(θ))).</summary>
    public double Mean(double theta)
    {
        var (start, weights, total) = Weights(theta);
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += i * weights[i];
        }

        return start + (sum / total);
    }

    /// <summary>P(X ≤ x) at odds ratio e^θ (R: pnhyper(x, exp(θ))).</summary>
    public double LowerTail(long x, double theta)
    {
        var (start, weights, total) = Weights(theta);
        var last = Math.Min(x - start, weights.Length - 1);
        var sum = 0.0;
        for (var i = last; i >= 0; i--)
        {
            sum += weights[i];
        }

        return sum / total;
    }

    /// <summary>P(X ≥ x) at odds ratio e^θ (R: pnhyper(x, exp(θ), upper.tail = TRUE)).</summary>
    public double UpperTail(long x, double theta)
    {
        var (start, weights, total) = Weights(theta);
        var first = Math.Max(x - start, 0);
        var sum = 0.0;
        for (var i = first; i < weights.Length; i++)
        {
            sum += weights[i];
        }

        return sum / total;
    }

    /// <summary>
    /// The two-sided p-value at odds ratio 1: the probability of every value no more likely than x, with R's relative
    /// tolerance 1 + 10⁻⁷ so that ties computed along different paths count as ties (R: fisher.test's two.sided branch).
    /// </summary>
    public double TwoSidedPValue(long x, double relativeError)
    {
        var (start, weights, total) = Weights(0);
        var index = x - start;
        if (index < 0 || index >= weights.Length)
        {
            // x lies more than e^800 below the mode: every term at most as likely is zero in double precision.
            return 0;
        }

        var limit = weights[index] * relativeError;
        var sum = 0.0;
        foreach (var w in weights)
        {
            if (w <= limit)
            {
                sum += w;
            }
        }

        return sum / total;
    }

    /// <summary>log(P(X = k + 1)/P(X = k)) at θ = 0, for Low ≤ k &lt; High.</summary>
    private double LogRatio(long k) =>
        Math.Log((double)(_firstColumn - k) * (_firstRow - k) / ((double)(k + 1) * (_secondColumn - _firstRow + k + 1)));

    /// <summary>The weights relative to the mode's, over the window where they are representable, and their sum.</summary>
    private (long Start, double[] Weights, double Total) Weights(double theta)
    {
        // The mode is the first k whose successor is less likely; the ratios decrease in k.
        long low = Low, high = High;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LogRatio(middle) + theta < 0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var mode = low;
        var left = new List<double>();
        var g = 0.0;
        for (var k = mode - 1; k >= Low; k--)
        {
            g -= LogRatio(k) + theta;
            if (g < -Cutoff)
            {
                break;
            }

            left.Add(g);
        }

        var right = new List<double>();
        g = 0;
        for (var k = mode + 1; k <= High; k++)
        {
            g += LogRatio(k - 1) + theta;
            if (g < -Cutoff)
            {
                break;
            }

            right.Add(g);
        }

        var weights = new double[left.Count + 1 + right.Count];
        for (var i = 0; i < left.Count; i++)
        {
            weights[left.Count - 1 - i] = Math.Exp(left[i]);
        }

        weights[left.Count] = 1;
        for (var i = 0; i < right.Count; i++)
        {
            weights[left.Count + 1 + i] = Math.Exp(right[i]);
        }

        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        return (mode - left.Count, weights, total);
    }
}
