namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// Reads at most the limit's rows of the named columns of the owner's session, evenly spaced through the file
/// (inside the memory budget: a request waits its turn, then is refused with 503; only the sampled rows and one
/// stored part are held). Null for an unknown session, another owner's, or one whose dataset is gone.
/// </summary>
public sealed class GetSessionSampleQueryHandler(ISessionQueries sessions, IDatasetStore datasets)
    : IQueryHandler<GetSessionSampleQuery, SessionSampleDto?>
{
    public async Task<SessionSampleDto?> HandleAsync(GetSessionSampleQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Columns.Count is 0 or > GetSessionSampleQuery.MaxColumns)
        {
            errors.Add("columns", $"Name from 1 to {GetSessionSampleQuery.MaxColumns} columns (columns=a&columns=b).");
        }

        if (query.Limit is < 1 or > GetSessionSampleQuery.MaxLimit)
        {
            errors.Add("limit", $"Must be between 1 and {GetSessionSampleQuery.MaxLimit}.");
        }

        errors.ThrowIfAny();

        var session = await sessions.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var names = query.Columns.Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names.Where(n => session.Dataset.Columns.All(c => c.Name != n)))
        {
            errors.Add("columns", $"The dataset has no column '{name}'.");
        }

        errors.ThrowIfAny();

        var rows = SampleRows(session.Dataset.Rows, query.Limit);
        using var loaded = await datasets.ReadRowsAsync(session.DatasetId, session.Dataset, names, rows, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var columns = names.Select(n => Sample(loaded.Dataset.Find(n)!)).ToList();
        return new SessionSampleDto(session.Dataset.Rows, rows.Length < session.Dataset.Rows, columns);
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
