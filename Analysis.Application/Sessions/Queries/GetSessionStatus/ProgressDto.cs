namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

public sealed record ProgressDto(int Completed, int Total, int Percent);
