using System.Runtime.CompilerServices;

namespace Analysis.Domain.Analyses;

/// <summary>
/// Case weights of a model (R: <c>lm(..., weights = w)</c>, <c>glm(..., weights = w)</c>): a numeric column, none
/// negative. Rows whose weight is missing are left out as R's <c>na.omit</c> leaves them; rows of weight 0 add nothing
/// to the fit and, as in R, drop out of its degrees of freedom.
/// </summary>
public static class Weights
{
    /// <summary>
    /// The positive weights, the columns cut to their rows in place, and how many rows had weight 0.
    /// </summary>
    /// <exception cref="AnalysisNotComputableException">A weight is negative, or none is positive.</exception>
    public static double[] Positive(double[] weights, double[][] columns, out int zeros, string name)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(columns);
        var (smallest, _) = Statistics.Moments.Range(weights);
        var negative = smallest < 0 ? Array.FindIndex(weights, w => w < 0) : -1;
        if (negative >= 0)
        {
            throw new AnalysisNotComputableException($"Weights must not be negative (as R's lm and glm require); '{name}' has {Format.Stat(weights[negative])}.", weights.Length);
        }

        zeros = smallest > 0 ? 0 : weights.Count(w => w == 0);
        if (zeros == weights.Length)
        {
            throw new AnalysisNotComputableException($"Every complete row has weight 0 in '{name}': there is nothing to fit.", 0);
        }

        if (zeros == 0)
        {
            return weights;
        }

        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            columns[j] = [.. column.Where((_, i) => weights[i] > 0)];
        }

        return [.. weights.Where(w => w > 0)];
    }

    /// <summary>
    /// The weighted means of the columns, the total weight and √w: the weighted least-squares problem is the ordinary
    /// one on the columns less their weighted means, each row times √w (whose intercept is then already taken out).
    /// Weights are first divided by a power of two when they are extreme (which changes no estimate: the residual
    /// variance scales by <c>WeightScale</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double[] Means, double TotalWeight, double WeightScale, double[] Root) Moments(double[][] columns, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(weights);
        var scale = Scaling.For(weights);
        var w = Scaling.Divide(weights, scale);
        var total = Statistics.Moments.Sum(w);
        var means = new double[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var x = columns[j];

            // A second pass corrects the first's rounding, as the unweighted mean does.
            var mean = Vectors.Dot(w, x) / total;
            means[j] = mean + (WeightedResidual(w, x, mean) / total);
        }

        return (means, total, scale, Array.ConvertAll(w, Math.Sqrt));
    }

    /// <summary>Σ w·(x − m), vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double WeightedResidual(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double m)
    {
        var sum = System.Numerics.Vector<double>.Zero;
        var centre = new System.Numerics.Vector<double>(m);
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<double>(w[i..]) * (new System.Numerics.Vector<double>(x[i..]) - centre);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < x.Length; i++)
        {
            total += w[i] * (x[i] - m);
        }

        return total;
    }
}
