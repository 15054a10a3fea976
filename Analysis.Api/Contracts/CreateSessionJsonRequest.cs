using System.ComponentModel.DataAnnotations;
using Analysis.Domain.Analyses;

namespace Analysis.Api.Contracts;

/// <summary>The JSON form of a create: the CSV as text, the plan, an optional name.</summary>
/// <remarks>
/// Read as a stream by <c>Uploads/CreateSessionRequestReader</c>, never bound to this type; it describes the body in
/// the OpenAPI document (a test creates a session with the field names the document gives).
/// </remarks>
public sealed record CreateSessionJsonRequest(
    [property: Required] string Csv,
    [property: Required] IReadOnlyList<PlanEntry> Analyses,
    [property: MaxLength(200)] string? Name = null);
