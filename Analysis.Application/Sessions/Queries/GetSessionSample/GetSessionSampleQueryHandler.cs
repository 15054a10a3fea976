using Analysis.Application.Abstractions;
using Analysis.Application.Common;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;

namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// Reads the named columns of the owner's session (inside the memory budget: a request waits its turn, then is
/// refused with 503) and keeps at most the limit's rows. Null for an unknown session, another owner's, or one
/// whose dataset is gone.
/// </summary>
public sealed class GetSessionSampleQueryHandler(IAnalysisSessionRepository repository, IDatasetStore datasets)
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

        var session = await repository.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
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

        using var loaded = await datasets.ReadColumnsAsync(session.Id, session.Dataset, names, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var rows = SampleRows(loaded.Dataset.RowCount, query.Limit);
        var columns = names.Select(n => Sample(loaded.Dataset.Find(n)!, rows)).ToList();
        return new SessionSampleDto(loaded.Dataset.RowCount, rows.Length < loaded.Dataset.RowCount, columns);
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

    private static SampleColumnDto Sample(DataColumn column, int[] rows) => column switch
    {
        NumericColumn numeric => new SampleColumnDto(
            column.Name, ColumnType.Numeric, [.. rows.Select(r => double.IsNaN(numeric.Values[r]) ? (double?)null : numeric.Values[r])], null),
        CategoricalColumn categorical => new SampleColumnDto(
            column.Name, ColumnType.Categorical, null, [.. rows.Select(r => categorical.Codes[r] >= 0 ? categorical.Levels[categorical.Codes[r]] : null)]),
        _ => throw new InvalidOperationException($"Unknown column kind {column.GetType().Name}."),
    };
}
