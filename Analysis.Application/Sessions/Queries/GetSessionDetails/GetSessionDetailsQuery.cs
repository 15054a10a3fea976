namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

/// <summary>The whole session, when <see cref="Owner"/> owns it.</summary>
public sealed record GetSessionDetailsQuery(Guid SessionId, string Owner);
