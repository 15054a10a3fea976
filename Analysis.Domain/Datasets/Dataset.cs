namespace Analysis.Domain.Datasets;

/// <summary>A column-oriented table: every column has <see cref="RowCount"/> entries.</summary>
public sealed class Dataset
{
    private readonly Dictionary<string, DataColumn> _byName;

    public Dataset(IReadOnlyList<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw new ArgumentException("All columns must have the same length.", nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Duplicate column name '{column.Name}'.", nameof(columns));
            }
        }
    }

    public int RowCount { get; }

    public IReadOnlyList<DataColumn> Columns { get; }

    public DataColumn? Find(string name) => _byName.GetValueOrDefault(name);

    public DatasetSchema Schema =>
        new(RowCount, [.. Columns.Select(c => new ColumnSchema(c.Name, c.Type, c.MissingCount, (c as CategoricalColumn)?.Levels.Length))]);
}
