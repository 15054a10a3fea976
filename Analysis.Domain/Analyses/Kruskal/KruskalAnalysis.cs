namespace Analysis.Domain.Analyses.Kruskal;

/// <summary>R: <c>kruskal.test(x ~ g)</c>; levels with no values in the complete rows are left out, as R drops them.</summary>
public static class KruskalAnalysis
{
    public static KruskalResult Run(KruskalSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        if (groups.Count < 2)
        {
            throw new AnalysisNotComputableException($"Only {groups.Count} group of '{spec.GroupBy}' has values; the Kruskal-Wallis test needs at least 2.", groups.N);
        }

        var test = RankTests.KruskalWallis(groups.Values);
        List<string>? warnings = double.IsNaN(test.Statistic) ? ["Every value is the same: the statistic is undefined and given as null."] : null;
        var ranks = groups.Values.Select((values, i) => new GroupMeanRank(groups.Names[i], values.Length, test.MeanRanks[i])).ToList();
        if (!double.IsNaN(test.Statistic))
        {
            (warnings ??= []).Add("Rank epsilon squared has no interval (null): the R package effectsize draws it by bootstrap, at random, which a fixed computation cannot reproduce.");
        }

        return new KruskalResult(spec.Column, spec.GroupBy, test.Statistic, test.Df, test.PValue, ranks, groups.N, spec.Title)
        {
            EffectSizes = double.IsNaN(test.Statistic) ? null :
                [new EffectSize("Epsilon2 (rank)", test.Statistic / (groups.N - 1.0), [double.NaN, double.NaN], SpecFields.DefaultConfidenceLevel, EffectSizes.Greater)],
            Warnings = warnings,
        };
    }
}
