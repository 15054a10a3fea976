using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses.Tukey;

/// <summary>
/// R: <c>TukeyHSD(aov(x ~ g), conf.level = level)</c> — the Tukey–Kramer form for unequal groups: for each pair a
/// before b, the difference of means b − a, its standard error √(MSE/2 · (1/nₐ + 1/n_b)), the p-value from the
/// studentized range's upper tail (ptukey) and the interval ± qtukey(level) · SE. Levels with no values are left out.
/// </summary>
public static class TukeyAnalysis
{
    public static TukeyResult Run(TukeySpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var groups = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        var k = groups.Count;
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; Tukey's test needs at least 2.", groups.N);
        }

        var dfWithin = groups.N - k;
        if (dfWithin < 1)
        {
            throw new AnalysisNotComputableException($"{groups.N} rows in {k} groups leave no degrees of freedom within groups.", groups.N);
        }

        var test = OneWay.FTest(groups.Values);
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
                comparisons.Add(new TukeyComparison([groups.Names[a], groups.Names[b]], difference, [difference - (critical * se), difference + (critical * se)], p));
            }
        }

        return new TukeyResult(spec.Column, spec.GroupBy, spec.ConfidenceLevel, comparisons, dfWithin, groups.N, spec.Title);
    }
}
