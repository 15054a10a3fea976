using System.Text.Json.Serialization;

namespace Analysis.Api.Contracts;

public sealed record SessionCancelledResponse(string Status)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
