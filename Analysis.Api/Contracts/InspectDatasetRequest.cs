using System.ComponentModel.DataAnnotations;

namespace Analysis.Api.Contracts;

/// <summary>The multipart form of an inspect: the file, and how to read it.</summary>
/// <remarks>Read part by part by <c>Uploads/CreateSessionRequestReader</c>; describes the form in the OpenAPI document.</remarks>
public sealed class InspectDatasetForm
{
    /// <summary>The file: CSV, XLSX or Parquet, told apart by its content.</summary>
    [Required]
    public required IFormFile Dataset { get; init; }

    /// <summary>The cells the file reads as missing: a JSON array of at most 20 strings, as text (default <c>["", "NA", "NaN", "null"]</c>).</summary>
    public string? NaStrings { get; init; }

    /// <summary>An XLSX workbook's worksheet to read, by name (default: the first).</summary>
    [MaxLength(100)]
    public string? Sheet { get; init; }
}

/// <summary>The JSON form of an inspect: the CSV as text.</summary>
/// <remarks>Read as a stream by <c>Uploads/CreateSessionRequestReader</c>; describes the body in the OpenAPI document.</remarks>
public sealed record InspectDatasetJsonRequest([property: Required] string Csv, [property: MaxLength(20)] IReadOnlyList<string>? NaStrings = null);

/// <summary>The multipart form of a dataset upload: the file and its name.</summary>
/// <remarks>Read part by part by <c>Uploads/CreateSessionRequestReader</c>; describes the form in the OpenAPI document.</remarks>
public sealed class StoreDatasetForm
{
    /// <summary>The file: CSV, XLSX or Parquet, told apart by its content.</summary>
    [Required]
    public required IFormFile File { get; init; }

    /// <summary>An XLSX workbook's worksheet to read, by name (default: the first).</summary>
    [MaxLength(100)]
    public string? Sheet { get; init; }

    /// <summary>A name for people, at most 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>The cells the file reads as missing: a JSON array of at most 20 strings, as text (default <c>["", "NA", "NaN", "null"]</c>).</summary>
    public string? NaStrings { get; init; }
}

/// <summary>The JSON form of a dataset upload: the CSV as text, and a name.</summary>
/// <remarks>Read as a stream by <c>Uploads/CreateSessionRequestReader</c>; describes the body in the OpenAPI document.</remarks>
public sealed record StoreDatasetJsonRequest(
    [property: Required] string Csv, string? Name = null, [property: MaxLength(20)] IReadOnlyList<string>? NaStrings = null);
