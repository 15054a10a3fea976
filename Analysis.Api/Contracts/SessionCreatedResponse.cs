using System.Text.Json.Serialization;

namespace Analysis.Api.Contracts;

public sealed record SessionCreatedResponse(Guid SessionId, string Status, string StatusUrl)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
