namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

public sealed record DatasetDetailsDto(int Rows, IReadOnlyList<ColumnDto> Columns);
