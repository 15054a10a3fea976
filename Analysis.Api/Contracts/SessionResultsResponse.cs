using System.Text.Json.Serialization;
using Analysis.Api.Json;

namespace Analysis.Api.Contracts;

/// <summary>
/// <c>{"success": true, "sessionId", "status", "results": [...]}</c>. The results array is the JSON the worker stored
/// when the session completed (its fields named by <c>ResultsJson</c>), written into the envelope as it is.
/// </summary>
public sealed record SessionResultsResponse(
    Guid SessionId,
    string Status,
    [property: JsonConverter(typeof(RawJsonConverter))] string Results)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
