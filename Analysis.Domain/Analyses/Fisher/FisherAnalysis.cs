namespace Analysis.Domain.Analyses.Fisher;

/// <summary>
/// R: <c>fisher.test(table(a, b), conf.level = level)</c> on the complete rows. A 2×2 table: the exact p-value, the
/// conditional MLE odds ratio and its interval. A larger table: the exact p-value by the network algorithm, within
/// <see cref="EngineLimits.FisherMaxWork"/>; past it an error that suggests the chi-square test, never a hang.
/// </summary>
public static class FisherAnalysis
{
    public static FisherResult Run(FisherSpec spec, Dataset data, EngineLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        cancellationToken.ThrowIfCancellationRequested();
        var table = ContingencyTable.Of(data, spec.RowVariable, spec.ColumnVariable);
        table.RequireTwoLevelsEach(spec.RowVariable, spec.ColumnVariable, "Fisher's exact test");
        var counts = table.Counts;
        string[] columns = [spec.RowVariable, spec.ColumnVariable];
        if (counts.Length == 2 && counts[0].Length == 2)
        {
            var test = FisherExact.TwoByTwo((int)counts[0][0], (int)counts[0][1], (int)counts[1][0], (int)counts[1][1], spec.ConfidenceLevel);
            var warnings = new List<string>();
            if (test.OddsRatio is double.PositiveInfinity)
            {
                warnings.Add("A zero cell off the diagonal makes the odds ratio infinite (R: Inf): it is given as null.");
            }

            if (test.ConfidenceHigh is double.PositiveInfinity)
            {
                warnings.Add("The interval's upper bound is infinite (R: Inf): it is given as null.");
            }

            return new FisherResult(
                columns, test.PValue, test.OddsRatio, [test.ConfidenceLow ?? double.NaN, test.ConfidenceHigh ?? double.NaN], spec.ConfidenceLevel,
                table.RowLevels, table.ColumnLevels, counts, table.N, spec.Title)
            {
                Warnings = warnings.Count == 0 ? null : warnings,
            };
        }

        var cells = new int[counts.Length, counts[0].Length];
        for (var i = 0; i < counts.Length; i++)
        {
            for (var j = 0; j < counts[i].Length; j++)
            {
                cells[i, j] = (int)counts[i][j];
            }
        }

        var p = FisherExact.RByC(cells, limits.FisherMaxWork) ?? throw new AnalysisNotComputableException(
            $"The exact test of this {counts.Length}x{counts[0].Length} table of {table.N} rows needs more work than Analysis:FisherMaxWork " +
            $"({limits.FisherMaxWork:N0}) allows; for a table this large use \"chisquare\".", table.N);
        return new FisherResult(columns, p, null, null, null, table.RowLevels, table.ColumnLevels, counts, table.N, spec.Title);
    }
}
