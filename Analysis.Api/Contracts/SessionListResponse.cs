using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Queries.ListSessions;

namespace Analysis.Api.Contracts;

public sealed record SessionListResponse(IReadOnlyList<SessionListItemDto> Sessions, int Page, int PageSize, int Total)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
