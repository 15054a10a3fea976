using System.ComponentModel.DataAnnotations;

namespace Analysis.Api.Contracts;

/// <summary>The multipart form of an inspect: the CSV file.</summary>
/// <remarks>Read part by part by <c>Uploads/CreateSessionRequestReader</c>; describes the form in the OpenAPI document.</remarks>
public sealed class InspectDatasetForm
{
    /// <summary>The CSV file.</summary>
    [Required]
    public required IFormFile Dataset { get; init; }
}

/// <summary>The JSON form of an inspect: the CSV as text.</summary>
/// <remarks>Read as a stream by <c>Uploads/CreateSessionRequestReader</c>; describes the body in the OpenAPI document.</remarks>
public sealed record InspectDatasetJsonRequest([property: Required] string Csv);
