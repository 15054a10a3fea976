namespace Analysis.Application.Datasets;

/// <summary>
/// A CSV's first look, before it is parsed: its delimiter, its header's width, and an upper bound on its rows (its
/// line breaks). Enough to know what the parsed columns will take in memory, to reserve it before they are read.
/// </summary>
public sealed record DatasetOutline(char Separator, int Columns, long RowBound)
{
    /// <summary>Bytes the parsed columns take at most (a double a cell), within the limits.</summary>
    public long ColumnBytes(DatasetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var rows = Math.Min(RowBound, limits.MaxRows);
        var cells = Math.Min(rows * Math.Max(1, Columns), limits.MaxCells);
        return 8 * cells;
    }
}
