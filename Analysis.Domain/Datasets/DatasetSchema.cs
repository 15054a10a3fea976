namespace Analysis.Domain.Datasets;

/// <summary>The shape of a dataset as a session keeps it: row count and each column's name, type, missing count.</summary>
public sealed record DatasetSchema(int Rows, IReadOnlyList<ColumnSchema> Columns)
{
    public IEnumerable<string> NumericColumnNames =>
        Columns.Where(c => c.Type == ColumnType.Numeric).Select(c => c.Name);
}
