namespace Analysis.Domain.Analyses.Levene;

/// <summary>
/// Levene's test of equal variances: a one-way ANOVA of each value's distance from its group's centre — the
/// median by default (Brown–Forsythe, what car::leveneTest computes), or the mean. R:
/// <c>oneway.test(abs(x - ave(x, g, FUN = median)) ~ g, var.equal = TRUE)</c>.
/// </summary>
public static class LeveneAnalysis
{
    public static LeveneResult Run(LeveneSpec spec, Datasets.Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        var k = groups.Count;
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; Levene's test needs at least 2.", groups.N);
        }

        if (groups.N - k < 1)
        {
            throw new AnalysisNotComputableException($"{groups.N} rows in {k} groups leave no degrees of freedom within groups.", groups.N);
        }

        // F does not change with location or scale: values whose squares would overflow or underflow are taken scaled
        // by a power of two, values far from zero against their spread less a centre.
        var (scaled, _, _) = groups.Standardized();
        var test = Test(scaled, spec.Center);
        var f = test.F;
        List<string>? warnings = double.IsFinite(f) ? null :
        [
            double.IsNaN(f)
                ? "Every value equals its group's centre: the F statistic is undefined and given as null."
                : "Within each group the distances from the centre are all equal: the F statistic is infinite and given as null.",
        ];
        return new LeveneResult(spec.Column, spec.GroupBy, spec.CenterName, f, test.DfBetween, test.DfWithin, test.PValue, groups.N, spec.Title)
        {
            Warnings = warnings,
        };
    }

    /// <summary>The one-way F test of each value's distance from its group's median or mean.</summary>
    public static OneWayTest Test(IReadOnlyList<double[]> groups, LeveneCenter center)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var deviations = new double[groups.Count][];
        for (var i = 0; i < groups.Count; i++)
        {
            var values = groups[i];
            var centre = center == LeveneCenter.Median ? Quantiles.Median(values) : Moments.Mean(values);
            deviations[i] = Array.ConvertAll(values, v => Math.Abs(v - centre));
        }

        return OneWay.FTest(deviations);
    }
}
