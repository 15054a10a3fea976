using System.Text.Json.Serialization;
using Analysis.Api.Json;

namespace Analysis.Api.Contracts;

/// <summary>A completed session's results: one entry per analysis of its plan, in plan order.</summary>
/// <remarks>
/// The results array is the JSON the worker stored when the session completed (its fields named by
/// <c>ResultsJson</c>), written into the envelope as it is.
/// </remarks>
public sealed record SessionResultsResponse(
    Guid SessionId,
    string Status,
    [property: JsonConverter(typeof(RawJsonConverter))] string Results)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
