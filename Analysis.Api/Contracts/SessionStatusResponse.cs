using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Api.Contracts;

public sealed record SessionStatusResponse(string Status, SessionSummaryDto Summary)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
