namespace Analysis.Domain.Analyses.Tukey;

/// <summary>
/// R: <c>TukeyHSD(aov(x ~ g), conf.level = level)</c> — the Tukey–Kramer form for unequal groups: for each pair a
/// before b, the difference of means b − a, its standard error √(MSE/2 · (1/nₐ + 1/n_b)), the p-value from the
/// studentized range's upper tail (ptukey) and the interval ± qtukey(level) · SE. Levels with no values are left out.
/// </summary>
public static class TukeyAnalysis
{
    /// <summary>Groups compared at most: 100 groups are 4,950 pairs, each a studentized-range tail (about 0.2 ms).</summary>
    public const int MaxGroups = 100;

    public static TukeyResult Run(TukeySpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        var k = groups.Count;
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; Tukey's test needs at least 2.", groups.N);
        }

        if (k > MaxGroups)
        {
            throw new AnalysisNotComputableException(
                $"'{spec.GroupBy}' has {k} groups with values, {k * (k - 1L) / 2:N0} pairs; Tukey's test compares at most {MaxGroups} groups " +
                $"({MaxGroups * (MaxGroups - 1) / 2:N0} pairs).", groups.N);
        }

        var dfWithin = groups.N - k;
        if (dfWithin < 2)
        {
            throw new AnalysisNotComputableException(
                $"{groups.N} rows in {k} groups leave {dfWithin} degree{(dfWithin == 1 ? string.Empty : "s")} of freedom within groups; the studentized range needs at least 2.", groups.N);
        }

        // Values whose squares overflow or underflow are compared scaled by a power of two, values far from zero
        // against their spread less a centre (differences do not change), and scaled back.
        var (values, _, scale) = groups.Standardized();
        var test = OneWay.FTest(values);
        var mse = test.SumSquaresWithin / dfWithin;
        if (mse == 0)
        {
            throw new AnalysisNotComputableException("Every group is constant (no variation within groups): the differences have no standard error.", groups.N);
        }

        var critical = StudentizedRange.Quantile(spec.ConfidenceLevel, k, dfWithin);
        var comparisons = new List<TukeyComparison>(k * (k - 1) / 2);
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var difference = test.Means[b] - test.Means[a];
                var se = Math.Sqrt(mse / 2 * ((1.0 / groups.Values[a].Length) + (1.0 / groups.Values[b].Length)));
                var p = StudentizedRange.Upper(Math.Abs(difference) / se, k, dfWithin);
                comparisons.Add(new TukeyComparison(
                    [groups.Names[a], groups.Names[b]], difference * scale, [(difference - (critical * se)) * scale, (difference + (critical * se)) * scale], p));
            }
        }

        return new TukeyResult(spec.Column, spec.GroupBy, spec.ConfidenceLevel, comparisons, dfWithin, groups.N, spec.Title);
    }
}
