namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// The sampled rows: <see cref="Rows"/> is the dataset's row count; <see cref="Sampled"/> says whether fewer rows
/// than that were taken (then every column holds the same rows, evenly spaced in file order).
/// </summary>
public sealed record SessionSampleDto(int Rows, bool Sampled, IReadOnlyList<SampleColumnDto> Columns);
