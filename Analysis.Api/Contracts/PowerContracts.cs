using System.Text.Json.Serialization;
using Analysis.Application.Power;

namespace Analysis.Api.Contracts;

/// <summary>
/// A power or sample-size calculation (no dataset): every quantity but one, which is solved for. <c>sd</c> and
/// <c>sigLevel</c> default to 1 and 0.05; send one of them as <c>null</c> to solve for it.
/// </summary>
/// <remarks>Read as a JSON object by <c>PowerService</c> (absent and null differ); describes the body in the OpenAPI document.</remarks>
public sealed record PowerRequest(
    [property: JsonRequired] string Test,
    double? N = null,
    double? Delta = null,
    double? Sd = null,
    double? P1 = null,
    double? P2 = null,
    double? Groups = null,
    double? BetweenVar = null,
    double? WithinVar = null,
    double? SigLevel = null,
    double? Power = null,
    string? Type = null,
    string? Alternative = null,
    bool? Strict = null);

/// <summary>The answer of <c>POST /api/power</c>: every quantity, the one asked for solved.</summary>
public sealed record PowerResponse(PowerDto Power)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
