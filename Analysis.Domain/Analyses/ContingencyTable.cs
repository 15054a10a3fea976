namespace Analysis.Domain.Analyses;

/// <summary>
/// The counts of two grouping columns over the rows where both are present; levels with no rows there are left
/// out, as R's <c>table</c> of the complete rows does.
/// </summary>
public sealed class ContingencyTable
{
    private ContingencyTable(string[] rowLevels, string[] columnLevels, long[][] counts, int n)
    {
        RowLevels = rowLevels;
        ColumnLevels = columnLevels;
        Counts = counts;
        N = n;
    }

    public string[] RowLevels { get; }

    public string[] ColumnLevels { get; }

    public long[][] Counts { get; }

    public int N { get; }

    public static ContingencyTable Of(Dataset data, string rowVariable, string columnVariable)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = Grouping.Build(data.Find(rowVariable)!)!;
        var cols = Grouping.Build(data.Find(columnVariable)!)!;
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
        return new ContingencyTable(
            [.. usedRows.Select(i => rows.Levels[i])],
            [.. usedCols.Select(j => cols.Levels[j])],
            [.. usedRows.Select(i => usedCols.Select(j => counts[i, j]).ToArray())],
            n);
    }

    /// <summary>An error unless each column has at least two levels in the table.</summary>
    public void RequireTwoLevelsEach(string rowVariable, string columnVariable, string analysis)
    {
        if (RowLevels.Length < 2 || ColumnLevels.Length < 2)
        {
            var (name, levels) = RowLevels.Length < 2 ? (rowVariable, RowLevels.Length) : (columnVariable, ColumnLevels.Length);
            throw new AnalysisNotComputableException(
                $"Column '{name}' has {levels} level{(levels == 1 ? string.Empty : "s")} in the complete rows; {analysis} needs at least 2 in each column.", N);
        }
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
