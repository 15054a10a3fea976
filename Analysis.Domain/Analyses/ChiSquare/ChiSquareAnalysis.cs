using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

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
        var rows = Grouping.Build(data.Find(spec.RowVariable)!)!;
        var cols = Grouping.Build(data.Find(spec.ColumnVariable)!)!;
        var counts = new long[rows.Levels.Length, cols.Levels.Length];
        var n = 0;
        for (var r = 0; r < data.RowCount; r++)
        {
            var (a, b) = (rows.Codes[r], cols.Codes[r]);
            if (a >= 0 && b >= 0)
            {
                counts[a, b]++;
                n++;
            }
        }

        var usedRows = Used(counts, byRow: true);
        var usedCols = Used(counts, byRow: false);
        if (usedRows.Length < 2 || usedCols.Length < 2)
        {
            var (name, levels) = usedRows.Length < 2 ? (spec.RowVariable, usedRows.Length) : (spec.ColumnVariable, usedCols.Length);
            throw new AnalysisNotComputableException(
                $"Column '{name}' has {levels} level{(levels == 1 ? string.Empty : "s")} in the complete rows; a chi-square test needs at least 2 in each column.", n);
        }

        var observed = usedRows.Select(i => usedCols.Select(j => counts[i, j]).ToArray()).ToArray();
        var rowTotals = observed.Select(row => (double)row.Sum()).ToArray();
        var colTotals = Enumerable.Range(0, usedCols.Length).Select(j => (double)observed.Sum(row => row[j])).ToArray();
        var expected = rowTotals.Select(rt => colTotals.Select(ct => rt * ct / n).ToArray()).ToArray();

        var yates = 0.0;
        if (spec.Correction && usedRows.Length == 2 && usedCols.Length == 2)
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

        var df = (usedRows.Length - 1) * (usedCols.Length - 1);
        List<string>? warnings = small == 0 ? null :
            [$"Chi-squared approximation may be incorrect: {small} expected count{(small == 1 ? " is" : "s are")} below 5."];
        return new ChiSquareResult(
            [spec.RowVariable, spec.ColumnVariable], statistic, df, Distributions.ChiSquareUpper(statistic, df),
            [.. usedRows.Select(i => rows.Levels[i])], [.. usedCols.Select(j => cols.Levels[j])],
            observed, expected, n, spec.Title)
        {
            Warnings = warnings,
        };
    }

    private static int[] Used(long[,] counts, bool byRow)
    {
        var (outer, inner) = byRow ? (counts.GetLength(0), counts.GetLength(1)) : (counts.GetLength(1), counts.GetLength(0));
        var used = new List<int>();
        for (var i = 0; i < outer; i++)
        {
            long total = 0;
            for (var j = 0; j < inner; j++)
            {
                total += byRow ? counts[i, j] : counts[j, i];
            }

            if (total > 0)
            {
                used.Add(i);
            }
        }

        return [.. used];
    }
}
