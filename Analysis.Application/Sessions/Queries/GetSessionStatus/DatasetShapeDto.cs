namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

public sealed record DatasetShapeDto(int Rows, int Columns);
