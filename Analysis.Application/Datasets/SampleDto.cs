namespace Analysis.Application.Datasets;

/// <summary>
/// Sampled rows of a dataset: <see cref="Rows"/> is the dataset's row count; <see cref="Sampled"/> says whether fewer
/// rows than that were taken (then every column holds the same rows, evenly spaced in file order).
/// </summary>
public sealed record SampleDto(int Rows, bool Sampled, IReadOnlyList<SampleColumnDto> Columns);

/// <summary>
/// One sampled column: <see cref="Numbers"/> for a numeric column, <see cref="Texts"/> for a categorical one
/// (null for a missing value; also for a value past the 1,000 levels a column keeps).
/// </summary>
public sealed record SampleColumnDto(string Name, ColumnType Type, IReadOnlyList<double?>? Numbers, IReadOnlyList<string?>? Texts);
