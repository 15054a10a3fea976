namespace Analysis.Domain.Analyses.MannWhitney;

/// <summary>R: <c>wilcox.test(x ~ g, exact = exact, correct = correction)</c> on two levels of the grouping column.</summary>
public static class MannWhitneyAnalysis
{
    private const int ExactBelow = 50;

    public static MannWhitneyResult Run(MannWhitneySpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var levels = spec.Groups ?? Grouping.Build(data.Find(spec.GroupBy)!)!.Levels;
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy, [levels[0], levels[1]]);
        var (x, y) = (groups.Values[0], groups.Values[1]);
        for (var i = 0; i < 2; i++)
        {
            if (groups.Values[i].Length == 0)
            {
                throw new AnalysisNotComputableException($"Group '{groups.Names[i]}' has no values in the complete rows.", groups.N);
            }
        }

        var test = RankTests.MannWhitney(x, y, spec.Exact, spec.Correction);
        var wantedExact = spec.Exact ?? (x.Length < ExactBelow && y.Length < ExactBelow);
        var warnings = RankWarnings.ForExact(wantedExact, test.Kind, test.HasTies);
        if (double.IsNaN(test.PValue))
        {
            (warnings ??= []).Add("Every value is the same: the p-value is undefined and given as null.");
        }

        var medians = groups.Values.Select((values, i) => new GroupMedian(groups.Names[i], values.Length, Quantiles.Median(values))).ToList();
        return new MannWhitneyResult(
            spec.Column, spec.GroupBy, test.Kind == RankTestKind.Exact ? "exact" : "normal", test.W, test.PValue,
            (2 * test.W / ((double)x.Length * y.Length)) - 1, medians, groups.N, spec.Title)
        {
            EffectSizes = [EffectSizes.RankBiserial((2 * test.W / ((double)x.Length * y.Length)) - 1, x.Length, y.Length)],
            Warnings = warnings,
        };
    }
}
