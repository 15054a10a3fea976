namespace Analysis.Application.Sessions.Queries.GetSessionResults;

/// <summary>The results of a session <see cref="Owner"/> owns.</summary>
public sealed record GetSessionResultsQuery(Guid SessionId, string Owner);
