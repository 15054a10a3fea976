using System.ComponentModel.DataAnnotations;
using Analysis.Application.Sessions.Plans;

namespace Analysis.Api.Contracts;

/// <summary>
/// The JSON form of a create (API.md): the CSV as text, the plan, an optional name. The body is read as a stream
/// by <c>Uploads/CreateSessionRequestReader</c>, never bound to this type; it exists so that the OpenAPI document
/// describes the body from code (a test creates a session with the field names the document gives).
/// </summary>
public sealed record CreateSessionJsonRequest(
    [property: Required] string Csv,
    [property: Required] IReadOnlyList<AnalysisSpecDto> Analyses,
    [property: MaxLength(200)] string? Name = null);
