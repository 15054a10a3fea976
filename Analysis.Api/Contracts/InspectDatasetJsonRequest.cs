using System.ComponentModel.DataAnnotations;

namespace Analysis.Api.Contracts;

/// <summary>The JSON form of an inspect: the CSV as text.</summary>
/// <remarks>Read as a stream by <c>Uploads/CreateSessionRequestReader</c>; describes the body in the OpenAPI document.</remarks>
public sealed record InspectDatasetJsonRequest([property: Required] string Csv);
