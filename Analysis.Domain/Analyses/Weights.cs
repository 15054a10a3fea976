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
        var negative = Array.FindIndex(weights, w => w < 0);
        if (negative >= 0)
        {
            throw new AnalysisNotComputableException($"Weights must not be negative (as R's lm and glm require); '{name}' has {Format.Stat(weights[negative])}.", weights.Length);
        }

        zeros = weights.Count(w => w == 0);
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
    /// Centres each column on its weighted mean and multiplies each row by √w, in place: the weighted least-squares
    /// problem as an ordinary one whose intercept is already taken out. Weights are first divided by a power of two
    /// when they are extreme (which changes no estimate: the residual variance scales by <c>WeightScale</c>).
    /// </summary>
    /// <returns>The weighted means, the total of the (scaled) weights, and the power of two they were divided by.</returns>
    public static (double[] Means, double TotalWeight, double WeightScale) Centre(double[][] columns, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(weights);
        var scale = Scaling.For(weights);
        var w = Scaling.Divide(weights, scale);
        var total = Moments.Sum(w);
        var root = Array.ConvertAll(w, Math.Sqrt);
        var means = new double[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var x = columns[j];
            double sum = 0;
            for (var i = 0; i < x.Length; i++)
            {
                sum += w[i] * x[i];
            }

            // A second pass corrects the first's rounding, as the unweighted mean does.
            var mean = sum / total;
            double residual = 0;
            for (var i = 0; i < x.Length; i++)
            {
                residual += w[i] * (x[i] - mean);
            }

            mean += residual / total;
            means[j] = mean;
            var centred = new double[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                centred[i] = root[i] * (x[i] - mean);
            }

            columns[j] = centred;
        }

        return (means, total, scale);
    }
}
