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

        // Values whose squares overflow or underflow are analysed scaled by a power of two, values far from zero against
        // their spread less a centre (both exact): F and p do not change.
        var (values, centre, scale) = grouped.Standardized();
        var test = OneWay.FTest(values);
        var groups = values
            .Select((v, i) => new GroupSummary(grouped.Names[i], v.Length, (test.Means[i] + centre) * scale, Math.Sqrt(Moments.Variance(v, test.Means[i])) * scale))
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

        var (ssBetween, ssWithin) = (test.SumSquaresBetween * scale * scale, test.SumSquaresWithin * scale * scale);
        if (double.IsInfinity(ssBetween) || double.IsInfinity(ssWithin))
        {
            warnings.Add("The sums of squares are beyond the largest double (about 1.8e308) and given as null; F and its p-value are computed on the values scaled down exactly.");
        }
        else if ((ssBetween == 0 && test.SumSquaresBetween > 0) || (ssWithin == 0 && test.SumSquaresWithin > 0))
        {
            warnings.Add("The sums of squares are below the smallest double (about 5e-324) and given as 0; F and its p-value are computed on the values scaled up exactly.");
        }

        return new AnovaResult(spec.Column, spec.GroupBy, f, dfBetween, dfWithin, test.PValue, ssBetween, ssWithin, groups, n, spec.Title)
        {
            EtaSquared = test.SumSquaresBetween / (test.SumSquaresBetween + test.SumSquaresWithin),
            EffectSizes = double.IsFinite(f) ? EffectSizes.OneWay(f, dfBetween, dfWithin, SpecFields.DefaultConfidenceLevel) : null,
            Checks = spec.WithChecks
                ? AssumptionChecks.Of([(null, [.. values.SelectMany((v, i) => v.Select(x => x - test.Means[i]))])], values, $"the levels of '{spec.GroupBy}'")
                : null,
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }
}
