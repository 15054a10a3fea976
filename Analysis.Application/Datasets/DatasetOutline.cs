namespace Analysis.Application.Datasets;

/// <summary>
/// An uploaded file's first look, before it is read: its format, and enough to know what reading it will hold in
/// memory at most, to reserve that before a value is read. For a CSV: its delimiter, its header's width and an upper
/// bound on its rows (its line breaks). For an XLSX sheet: its header's width and the rows its size can hold, the
/// workbook's sheets and the one chosen. For Parquet: its exact width and rows, from its metadata.
/// </summary>
public sealed record DatasetOutline(char Separator, int Columns, long RowBound)
{
    public DatasetFormat Format { get; init; } = DatasetFormat.Csv;

    /// <summary>An XLSX workbook's worksheets, in order; null for the other formats.</summary>
    public IReadOnlyList<string>? Sheets { get; init; }

    /// <summary>The XLSX worksheet that is read (the one asked for, or the first); null for the other formats.</summary>
    public string? Sheet { get; init; }

    /// <summary>Bytes a parsed cell may take while it is read: 8 (a double) where columns are allocated once.</summary>
    public int BytesPerCell { get; init; } = 8;

    /// <summary>What the reader holds besides the columns (an XLSX's shared strings, a Parquet column chunk).</summary>
    public long WorkingBytes { get; init; }

    /// <summary>
    /// The most the levels' text may take besides the cells (an XLSX sheet's inline text, each level a string of its
    /// own; a CSV's and a Parquet file's levels are within their cells' and working bytes).
    /// </summary>
    public long LevelTextBytes { get; init; }

    /// <summary>Bytes reading takes at most: the parsed columns within the limits, their levels' text, and the reader's own.</summary>
    public long ColumnBytes(DatasetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var rows = Math.Min(RowBound, limits.MaxRows);
        var cells = Math.Min(rows * Math.Max(1, Columns), limits.MaxCells);
        return (BytesPerCell * cells) + LevelTextBytes + WorkingBytes;
    }
}
