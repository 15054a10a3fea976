using System.Text.Json.Serialization;

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

    /// <summary>
    /// The one answer for an id the caller may not see — unknown, malformed, deleted (API.md): every endpoint
    /// returns this, and the status fast path writes its serialized bytes.
    /// </summary>
    public static ErrorResponse SessionNotFound { get; } = new("Session not found");
}
