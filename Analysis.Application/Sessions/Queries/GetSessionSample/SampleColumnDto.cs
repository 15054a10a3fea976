using Analysis.Domain.Datasets;

namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// One sampled column: <see cref="Numbers"/> for a numeric column, <see cref="Texts"/> for a categorical one
/// (null for a missing value; also for a value past the 1,000 levels a column keeps).
/// </summary>
public sealed record SampleColumnDto(string Name, ColumnType Type, IReadOnlyList<double?>? Numbers, IReadOnlyList<string?>? Texts);
