namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

public sealed record ColumnDto(string Name, string Type, int Missing);
