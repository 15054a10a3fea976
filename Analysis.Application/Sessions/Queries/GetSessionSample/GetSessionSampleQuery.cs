using Analysis.Application.Datasets;

namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// Rows of a session's dataset for a chart: the named columns of at most <see cref="Limit"/> rows, evenly spaced
/// through the file when it has more (<see cref="DatasetSample"/>).
/// </summary>
public sealed record GetSessionSampleQuery(Guid SessionId, string Owner, IReadOnlyList<string> Columns, int Limit = DatasetSample.DefaultLimit);
