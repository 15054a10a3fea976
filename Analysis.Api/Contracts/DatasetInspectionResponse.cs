using System.Text.Json.Serialization;
using Analysis.Application.Datasets.Queries.InspectDataset;

namespace Analysis.Api.Contracts;

/// <summary>What the service read in a CSV: its rows and columns, and the text of its first 10 rows.</summary>
public sealed record DatasetInspectionResponse(InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
