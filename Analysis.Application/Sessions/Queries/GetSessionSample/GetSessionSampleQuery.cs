namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// Rows of a session's dataset for a chart (a scatter, residuals, a histogram): the named columns of at most
/// <see cref="Limit"/> rows, evenly spaced through the file when it has more.
/// </summary>
public sealed record GetSessionSampleQuery(Guid SessionId, string Owner, IReadOnlyList<string> Columns, int Limit = GetSessionSampleQuery.DefaultLimit)
{
    public const int DefaultLimit = 2_000;

    public const int MaxLimit = 10_000;

    public const int MaxColumns = 20;
}
