namespace Analysis.Application.Sessions.Queries.ListSessions;

/// <summary>A page of <see cref="Owner"/>'s sessions, newest first; <see cref="Status"/> and <see cref="DatasetId"/> filter when given.</summary>
public sealed record ListSessionsQuery(string Owner, string? Status, int Page = 1, int PageSize = 20, Guid? DatasetId = null)
{
    public const int MaxPageSize = 100;

    /// <summary>Keeps (page − 1) × pageSize, the rows skipped, well inside an int.</summary>
    public const int MaxPage = 1_000_000;
}
