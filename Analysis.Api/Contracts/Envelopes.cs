using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Application.Sessions.Queries.ListSessions;

namespace Analysis.Api.Contracts;

/// <summary><c>{"success": false, "error": ...}</c> with the optional members of API.md.</summary>
public sealed record ErrorResponse(string Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The session's status, for 409s about a state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }

    public const string SessionNotFound = "Session not found";
}

public sealed record SessionCreatedResponse(Guid SessionId, string Status, string StatusUrl)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record SessionStatusResponse(string Status, SessionSummaryDto Summary)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record SessionDetailsResponse(SessionDetailsDto Session)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record SessionListResponse(IReadOnlyList<SessionListItemDto> Sessions, int Page, int PageSize, int Total)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record SessionCancelledResponse(string Status)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
