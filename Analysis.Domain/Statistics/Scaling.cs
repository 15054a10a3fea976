namespace Analysis.Domain.Statistics;

/// <summary>
/// Exact rescaling for data so large that their squares overflow (values beyond 2⁵⁰⁰, about 3e150) or so small that
/// they underflow (all below 2⁻⁵⁰⁰, about 3e-151): dividing by a power of two changes no digit, so a statistic computed
/// on the scaled values and multiplied back is the one the values have — where R's own sums of squares would give Inf
/// (its SDs, t statistics and correlations NA) or 0 (an SD of 0, "every value the same").
/// </summary>
public static class Scaling
{
    private const double Threshold = 3.273390607896142e150; // 2⁵⁰⁰

    /// <summary>
    /// 1 for ordinary data (and for zeros); otherwise the power of two at or below the largest magnitude (the values
    /// hold no NaN). For several samples together, pass the largest magnitude of each (<see cref="Largest"/>).
    /// </summary>
    public static double For(params ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 1;
        }

        var (min, max) = Moments.Range(values); // vectorised: one cheap pass
        var largest = Math.Max(Math.Abs(min), Math.Abs(max));
        return double.IsFinite(largest) && (largest > Threshold || (largest > 0 && largest < 1 / Threshold))
            ? Math.ScaleB(1.0, Math.ILogB(largest)) // the scaled values are below 2 in magnitude
            : 1;
    }

    /// <summary>The largest magnitude of the values (0 for none), to find one scale for several samples.</summary>
    public static double Largest(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var (min, max) = Moments.Range(values);
        return Math.Max(Math.Abs(min), Math.Abs(max));
    }

    /// <summary>
    /// A value to subtract from every value before summing squares, when the values sit so far from zero against their
    /// spread (an offset of 3e15 on a spread of 18) that their means lose digits the spread needs (any offset past 4
    /// times the spread); else 0. The centre is one of the values, chosen only when each lies within a factor of two of it, so every
    /// subtraction is exact (Sterbenz) and the statistic is the one the values have.
    /// </summary>
    public static double Centre(IEnumerable<double[]> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var values in samples)
        {
            if (values.Length > 0)
            {
                var (low, high) = Moments.Range(values);
                (min, max) = (Math.Min(min, low), Math.Max(max, high));
            }
        }

        // Same sign and a spread below a quarter of the smaller magnitude: each value is within a factor of two of min.
        var spread = max - min;
        return double.IsFinite(spread) && (min > 0 || max < 0) && spread < Math.Min(Math.Abs(min), Math.Abs(max)) / 4 ? min : 0;
    }

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
