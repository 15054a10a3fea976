namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

public sealed record GetSessionDetailsQuery(Guid SessionId);
