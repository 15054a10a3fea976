using System.Text.Json.Serialization;
using Analysis.Application.Datasets.Queries.InspectDataset;

namespace Analysis.Api.Contracts;

/// <summary>
/// What the service read in a file: its format (<c>csv</c>, <c>xlsx</c>, <c>parquet</c>), its rows and columns, and
/// the text of its first 10 rows; for an XLSX also the workbook's sheets, in order, and the one read.
/// </summary>
public sealed record DatasetInspectionResponse(InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview, string Format)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    /// <summary>An XLSX workbook's worksheets, in order (absent for CSV and Parquet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Sheets { get; init; }

    /// <summary>The worksheet read: the one asked for, or the first (absent for CSV and Parquet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sheet { get; init; }
}
