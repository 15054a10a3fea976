namespace Analysis.Domain.Analyses.ChiSquare;

/// <summary>
/// Pearson's chi-square test of independence on the contingency table of two grouping columns, with Yates'
/// continuity correction for a 2×2 table unless turned off (R: chisq.test(table(a, b), correct = ...)).
/// Levels with no rows after listwise deletion are left out of the table.
/// </summary>
public static class ChiSquareAnalysis
{
    public static ChiSquareResult Run(ChiSquareSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var table = ContingencyTable.Of(data, spec.RowVariable, spec.ColumnVariable);
        table.RequireTwoLevelsEach(spec.RowVariable, spec.ColumnVariable, "a chi-square test");
        var (observed, n) = (table.Counts, table.N);
        var (rowCount, columnCount) = (table.RowLevels.Length, table.ColumnLevels.Length);
        var rowTotals = observed.Select(row => (double)row.Sum()).ToArray();
        var colTotals = Enumerable.Range(0, columnCount).Select(j => (double)observed.Sum(row => row[j])).ToArray();
        var expected = rowTotals.Select(rt => colTotals.Select(ct => rt * ct / n).ToArray()).ToArray();

        var yates = 0.0;
        if (spec.Correction && rowCount == 2 && columnCount == 2)
        {
            // R: YATES <- min(0.5, abs(x - E)), one number for the whole table.
            yates = 0.5;
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 2; j++)
                {
                    yates = Math.Min(yates, Math.Abs(observed[i][j] - expected[i][j]));
                }
            }
        }

        double statistic = 0;
        var small = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            for (var j = 0; j < observed[i].Length; j++)
            {
                var d = Math.Abs(observed[i][j] - expected[i][j]) - yates;
                statistic += d * d / expected[i][j];
                small += expected[i][j] < 5 ? 1 : 0;
            }
        }

        var df = (rowCount - 1) * (columnCount - 1);
        List<string>? warnings = small == 0 ? null :
            [$"Chi-squared approximation may be incorrect: {small} expected count{(small == 1 ? " is" : "s are")} below 5."];
        return new ChiSquareResult(
            [spec.RowVariable, spec.ColumnVariable], statistic, df, Distributions.ChiSquareUpper(statistic, df),
            table.RowLevels, table.ColumnLevels,
            observed, expected, n, spec.Title)
        {
            EffectSizes = n > 1 && double.IsFinite(statistic) ? EffectSizes.ChiSquare(statistic, n, observed.Length, observed[0].Length) : null,
            Warnings = warnings,
        };
    }
}
