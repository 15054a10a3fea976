namespace Analysis.Application.Sessions.Queries.GetSessionResults;

public sealed record GetSessionResultsQuery(Guid SessionId);
