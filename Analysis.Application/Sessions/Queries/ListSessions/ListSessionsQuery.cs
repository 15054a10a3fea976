namespace Analysis.Application.Sessions.Queries.ListSessions;

/// <summary>A page of sessions, newest first; <see cref="Status"/> filters when given.</summary>
public sealed record ListSessionsQuery(string? Status, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
}
