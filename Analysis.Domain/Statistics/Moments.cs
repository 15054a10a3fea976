namespace Analysis.Domain.Statistics;

/// <summary>Mean and variance by the corrected two-pass algorithm (as R computes them).</summary>
public static class Moments
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var mean = NeumaierSum(values) / values.Length;

        // Second pass: the mean of the residuals corrects the rounding of the first (R's mean.default).
        double residual = 0;
        foreach (var v in values)
        {
            residual += v - mean;
        }

        return mean + (residual / values.Length);
    }

    /// <summary>Sample variance (n − 1); NaN below two values.</summary>
    public static double Variance(ReadOnlySpan<double> values, double mean)
    {
        var n = values.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double sum = 0, sumSquares = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            sum += d;
            sumSquares += d * d;
        }

        // Corrected two-pass: subtracting (Σd)²/n removes the error left by an inexact mean.
        var variance = (sumSquares - (sum * sum / n)) / (n - 1);
        return variance < 0 ? 0 : variance;
    }

    public static double NeumaierSum(ReadOnlySpan<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (var v in values)
        {
            var t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }
}
