using System.ComponentModel.DataAnnotations;
using Analysis.Domain.Analyses;

namespace Analysis.Api.Contracts;

/// <summary>The multipart form of a create: the file (CSV, XLSX or Parquet) or a stored dataset's id (exactly one), the plan as JSON text, an optional name.</summary>
/// <remarks>
/// Read part by part by <c>Uploads/CreateSessionRequestReader</c>, never bound; this type describes the form in the
/// OpenAPI document (a test creates a session with the part names the document gives).
/// </remarks>
public sealed class CreateSessionForm
{
    /// <summary>The file (CSV, XLSX or Parquet, told apart by its content); or send <c>datasetId</c> instead.</summary>
    public IFormFile? Dataset { get; init; }

    /// <summary>A stored dataset of the caller's to run on (its id), in place of <c>dataset</c>.</summary>
    public Guid? DatasetId { get; init; }

    /// <summary>The cells the CSV reads as missing: a JSON array of at most 20 strings, as text (default <c>["", "NA", "NaN", "null"]</c>).</summary>
    public string? NaStrings { get; init; }

    /// <summary>An XLSX workbook's worksheet to read, by name (default: the first).</summary>
    [MaxLength(100)]
    public string? Sheet { get; init; }

    /// <summary>The plan: a JSON array of analysis specs, as text.</summary>
    [Required]
    public required string Analyses { get; init; }

    /// <summary>A name for people (at most 200 characters).</summary>
    [MaxLength(200)]
    public string? Name { get; init; }
}

/// <summary>The JSON form of a create: the CSV as text or a stored dataset's id (exactly one), the plan, an optional name.</summary>
/// <remarks>
/// Read as a stream by <c>Uploads/CreateSessionRequestReader</c>, never bound to this type; it describes the body in
/// the OpenAPI document (a test creates a session with the field names the document gives).
/// </remarks>
public sealed record CreateSessionJsonRequest(
    [property: Required] IReadOnlyList<PlanEntry> Analyses,
    string? Csv = null,
    Guid? DatasetId = null,
    [property: MaxLength(200)] string? Name = null,
    [property: MaxLength(20)] IReadOnlyList<string>? NaStrings = null);
