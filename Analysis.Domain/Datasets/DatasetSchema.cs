namespace Analysis.Domain.Datasets;

/// <summary>
/// A dataset's schema, as a session keeps it: its row count and each column's name, type and missing count. (Its
/// <c>DatasetOutline</c> is what a reader counts before it reads: rows and width, to reserve memory.)
/// </summary>
public sealed record DatasetSchema(int Rows, IReadOnlyList<ColumnSchema> Columns)
{
    public IEnumerable<string> NumericColumnNames =>
        Columns.Where(c => c.Type == ColumnType.Numeric).Select(c => c.Name);
}
