namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

public sealed record GetSessionStatusQuery(Guid SessionId);
