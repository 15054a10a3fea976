using System.Text.Json.Serialization;

namespace Analysis.Api.Contracts;

/// <summary>
/// Every error answer: what went wrong for a person (<c>error</c>), each problem by request path (<c>errors</c>, on a
/// 400), the session's status (on a 409 about it), and the <c>traceId</c> the service's log line carries.
/// </summary>
public sealed record ErrorResponse(string Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The session's status, for 409s about a state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>How many sessions a dataset has, for the 409 that refuses to delete it with them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Sessions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }

    /// <summary>
    /// The one answer for an id the caller may not see — unknown, malformed, deleted (docs/api.md): every endpoint
    /// returns this, and the status fast path writes its serialized bytes.
    /// </summary>
    public static ErrorResponse SessionNotFound { get; } = new("Session not found");
}
