namespace Analysis.Application.Datasets;

/// <summary>
/// Rows of a stored dataset for a chart (a scatter, residuals, a histogram): the named columns of at most a limit's
/// rows, evenly spaced through the file when it has more. Read inside the memory budget (a request waits its turn,
/// then is refused with 503); only the sampled rows and one stored part are held. Used by a session's sample and a
/// dataset's.
/// </summary>
public static class DatasetSample
{
    public const int DefaultLimit = 2_000;

    public const int MaxLimit = 10_000;

    public const int MaxColumns = 20;

    /// <summary>The request's own problems (how many columns, the limit), before anything is looked up.</summary>
    public static void CheckRequest(IReadOnlyList<string> columns, int limit)
    {
        var errors = new ValidationErrors();
        if (columns.Count is 0 or > MaxColumns)
        {
            errors.Add("columns", $"Name from 1 to {MaxColumns} columns (columns=a&columns=b).");
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Must be between 1 and {MaxLimit}.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>The sample of the dataset stored under <paramref name="datasetId"/>; null when its columns are gone.</summary>
    public static async Task<SampleDto?> ReadAsync(
        IDatasetStore store, Guid datasetId, DatasetSchema schema, IReadOnlyList<string> columns, int limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var names = columns.Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names.Where(n => schema.Columns.All(c => c.Name != n)))
        {
            errors.Add("columns", $"The dataset has no column '{name}'.");
        }

        errors.ThrowIfAny();

        var rows = SampleRows(schema.Rows, limit);
        using var loaded = await store.ReadRowsAsync(datasetId, schema, names, rows, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var sampled = names.Select(n => Sample(loaded.Dataset.Find(n)!)).ToList();
        return new SampleDto(schema.Rows, rows.Length < schema.Rows, sampled);
    }

    /// <summary>Every row when there are at most <paramref name="limit"/>; else <paramref name="limit"/> rows evenly spaced from the first.</summary>
    public static int[] SampleRows(int rowCount, int limit)
    {
        var count = Math.Min(rowCount, limit);
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = (int)((long)i * rowCount / count);
        }

        return rows;
    }

    /// <summary>A column of the sampled rows, as the answer gives it.</summary>
    private static SampleColumnDto Sample(DataColumn column) => column switch
    {
        NumericColumn numeric => new SampleColumnDto(
            column.Name, ColumnType.Numeric, [.. numeric.Values.Select(v => double.IsNaN(v) ? (double?)null : v)], null),
        CategoricalColumn categorical => new SampleColumnDto(
            column.Name, ColumnType.Categorical, null, [.. categorical.Codes.Select(c => c >= 0 ? categorical.Levels[c] : null)]),
        _ => throw new InvalidOperationException($"Unknown column kind {column.GetType().Name}."),
    };
}
