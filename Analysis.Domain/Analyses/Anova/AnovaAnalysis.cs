using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses.Anova;

/// <summary>One-way analysis of variance (R: anova(lm(y ~ factor(g)))). Levels with no rows are left out.</summary>
public static class AnovaAnalysis
{
    public static AnovaResult Run(AnovaSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var column = (NumericColumn)data.Find(spec.Column)!;
        var grouping = Grouping.Build(data.Find(spec.GroupBy)!)!;
        var byLevel = new List<double>[grouping.Levels.Length];
        var n = 0;
        for (var r = 0; r < column.Values.Length; r++)
        {
            var v = column.Values[r];
            var code = grouping.Codes[r];
            if (!double.IsNaN(v) && code >= 0)
            {
                (byLevel[code] ??= []).Add(v);
                n++;
            }
        }

        var present = Enumerable.Range(0, byLevel.Length).Where(i => byLevel[i] is not null).ToArray();
        var k = present.Length;
        if (k < 2)
        {
            throw new AnalysisNotComputableException($"Only {k} group of '{spec.GroupBy}' has values; an ANOVA needs at least 2.", n);
        }

        if (n - k < 1)
        {
            throw new AnalysisNotComputableException($"{n} rows in {k} groups leave no degrees of freedom within groups.", n);
        }

        var all = new double[n];
        var offset = 0;
        var groups = new List<GroupSummary>(k);
        double ssWithin = 0;
        var means = new double[k];
        for (var i = 0; i < k; i++)
        {
            var values = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(byLevel[present[i]]);
            values.CopyTo(all.AsSpan(offset));
            offset += values.Length;
            var mean = Moments.Mean(values);
            var variance = Moments.Variance(values, mean);
            means[i] = mean;
            ssWithin += values.Length < 2 ? 0 : variance * (values.Length - 1);
            groups.Add(new GroupSummary(grouping.Levels[present[i]], values.Length, mean, Math.Sqrt(variance)));
        }

        var grand = Moments.Mean(all);
        double ssBetween = 0;
        for (var i = 0; i < k; i++)
        {
            var d = means[i] - grand;
            ssBetween += groups[i].N * d * d;
        }

        var (dfBetween, dfWithin) = (k - 1, n - k);
        var f = ssBetween / dfBetween / (ssWithin / dfWithin);
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

        return new AnovaResult(spec.Column, spec.GroupBy, f, dfBetween, dfWithin,
            double.IsNaN(f) ? double.NaN : Distributions.FUpper(f, dfBetween, dfWithin), ssBetween, ssWithin, groups, n, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }
}
