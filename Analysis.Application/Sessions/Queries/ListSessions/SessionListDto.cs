namespace Analysis.Application.Sessions.Queries.ListSessions;

public sealed record SessionListDto(IReadOnlyList<SessionListItemDto> Sessions, int Page, int PageSize, int Total);
