using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses.Anova;

/// <summary>One-way analysis of variance (R: anova(lm(y ~ factor(g)))). Levels with no rows are left out.</summary>
public static class AnovaAnalysis
{
    public static AnovaResult Run(AnovaSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grouped = GroupedValues.Of(data, spec.Column, spec.GroupBy);
        var (k, n) = (grouped.Count, grouped.N);
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; an ANOVA needs at least 2.", n);
        }

        if (n - k < 1)
        {
            throw new AnalysisNotComputableException($"{n} rows in {k} groups leave no degrees of freedom within groups.", n);
        }

        var test = OneWay.FTest(grouped.Values);
        var groups = grouped.Values
            .Select((values, i) => new GroupSummary(grouped.Names[i], values.Length, test.Means[i], Math.Sqrt(Moments.Variance(values, test.Means[i]))))
            .ToList();
        var (f, dfBetween, dfWithin) = (test.F, test.DfBetween, test.DfWithin);
        var warnings = new List<string>();
        if (groups.Any(g => g.N < 2))
        {
            warnings.Add("A group has a single row: its standard deviation is null.");
        }

        if (double.IsNaN(f))
        {
            warnings.Add("Every value is the same: the F statistic is undefined and given as null.");
        }
        else if (double.IsInfinity(f))
        {
            warnings.Add("Every group is constant (no variation within groups): the F statistic is infinite and given as null.");
        }

        return new AnovaResult(spec.Column, spec.GroupBy, f, dfBetween, dfWithin, test.PValue, test.SumSquaresBetween, test.SumSquaresWithin, groups, n, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }
}
