namespace Analysis.Domain.Analyses.Wilcoxon;

/// <summary>
/// R: <c>wilcox.test(a, b, paired = TRUE)</c> (on a − b over the complete pairs) or <c>wilcox.test(x, mu = m)</c>
/// (on x − m), with <c>exact</c> and <c>correct</c> as given.
/// </summary>
public static class WilcoxonAnalysis
{
    private const int ExactBelow = 50;

    public static WilcoxonResult Run(WilcoxonSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        double[] differences;
        if (spec.IsPaired)
        {
            // Ranks do not change with the scale.
            (differences, _) = PairedDifferences.Of(data, spec.Columns![0], spec.Columns[1]);
        }
        else
        {
            var present = ((NumericColumn)data.Find(spec.Column!)!).Present();
            var scale = Scaling.For(Scaling.Largest(present), spec.Mu);
            differences = [.. present.Select(v => (v / scale) - (spec.Mu / scale))];
        }

        var n = differences.Length;
        if (n == 0)
        {
            throw new AnalysisNotComputableException(spec.IsPaired ? "There are no complete pairs." : $"Column '{spec.Column}' has no values.", 0);
        }

        var test = RankTests.SignedRank(differences, spec.Exact, spec.Correction);
        if (test.N == 0)
        {
            throw new AnalysisNotComputableException($"Every difference is zero ({test.Zeros} of them): there is nothing to rank.", n);
        }

        var wantedExact = spec.Exact ?? test.N < ExactBelow;
        var warnings = RankWarnings.ForExact(wantedExact, test.Kind, test.HasTies, test.Zeros);
        if (test.Zeros > 0)
        {
            (warnings ??= []).Add($"{test.Zeros} difference{(test.Zeros == 1 ? " is" : "s are")} zero and dropped before ranking (as R drops them).");
        }

        return new WilcoxonResult(
            test.Kind == RankTestKind.Exact ? "exact" : "normal",
            spec.Columns, spec.Column, spec.IsPaired ? null : spec.Mu, test.V, test.PValue, n, test.Zeros, spec.Title)
        {
            EffectSizes = [EffectSizes.RankBiserial((2 * test.V / (test.N * (test.N + 1.0) / 2)) - 1, test.N, null)],
            Warnings = warnings,
        };
    }
}
