using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Queries.GetSessionDetails;

namespace Analysis.Api.Contracts;

public sealed record SessionDetailsResponse(SessionDetailsDto Session)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
