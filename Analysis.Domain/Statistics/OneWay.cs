namespace Analysis.Domain.Statistics;

/// <summary>The one-way analysis of variance F test on groups of values (R: <c>oneway.test(..., var.equal = TRUE)</c>).</summary>
public static class OneWay
{
    /// <summary>F = (SSB / (k − 1)) / (SSW / (n − k)) and its upper-tail p-value; NaN or ∞ when there is no variation.</summary>
    public static OneWayTest FTest(IReadOnlyList<double[]> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var k = groups.Count;
        var n = groups.Sum(g => g.Length);
        var all = new double[n];
        var offset = 0;
        var means = new double[k];
        double ssWithin = 0;
        for (var i = 0; i < k; i++)
        {
            var values = groups[i];
            values.CopyTo(all, offset);
            offset += values.Length;
            means[i] = Moments.Mean(values);
            ssWithin += values.Length < 2 ? 0 : Moments.Variance(values, means[i]) * (values.Length - 1);
        }

        var grand = Moments.Mean(all);
        double ssBetween = 0;
        for (var i = 0; i < k; i++)
        {
            var d = means[i] - grand;
            ssBetween += groups[i].Length * d * d;
        }

        var (dfBetween, dfWithin) = (k - 1, n - k);
        var f = ssBetween / dfBetween / (ssWithin / dfWithin);
        return new OneWayTest(f, dfBetween, dfWithin, double.IsNaN(f) ? double.NaN : Distributions.FUpper(f, dfBetween, dfWithin), ssBetween, ssWithin, means);
    }
}
