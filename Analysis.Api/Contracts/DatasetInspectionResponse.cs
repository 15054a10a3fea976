using System.Text.Json.Serialization;
using Analysis.Application.Datasets.Queries.InspectDataset;

namespace Analysis.Api.Contracts;

/// <summary><c>{"success": true, "dataset": {"rows", "columns"}, "preview"}</c> (API.md, POST /api/datasets/inspect).</summary>
public sealed record DatasetInspectionResponse(InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
