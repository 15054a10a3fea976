namespace Analysis.Domain.Statistics;

/// <summary>
/// Exact rescaling for data so large that their squares overflow (values beyond 2⁵⁰⁰, about 3e150): dividing by a
/// power of two changes no digit, so a statistic computed on the scaled values and multiplied back is the one the
/// values have — where R's own sums of squares would give Inf and its SDs, t statistics and correlations NA.
/// </summary>
public static class Scaling
{
    private const double Threshold = 3.273390607896142e150; // 2⁵⁰⁰

    /// <summary>1 for ordinary data; otherwise the power of two at or below the largest magnitude (the values hold no NaN).</summary>
    public static double For(params ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 1;
        }

        var (min, max) = Moments.Range(values); // vectorised: one cheap pass
        var largest = Math.Max(Math.Abs(min), Math.Abs(max));
        return largest > Threshold && !double.IsNaN(largest) && !double.IsInfinity(largest)
            ? Math.ScaleB(1.0, Math.ILogB(largest)) // the scaled values are below 2 in magnitude
            : 1;
    }

    /// <summary>The larger of two scales (for statistics of two samples together).</summary>
    public static double Common(double a, double b) => Math.Max(a, b);

    /// <summary>The values divided by <paramref name="scale"/> (the same array when the scale is 1).</summary>
    public static double[] Divide(double[] values, double scale)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (scale == 1)
        {
            return values;
        }

        var inverse = 1 / scale;
        return Array.ConvertAll(values, v => v * inverse);
    }
}
