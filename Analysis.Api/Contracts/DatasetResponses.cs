using System.Text.Json.Serialization;
using Analysis.Application.Datasets.Stored;

namespace Analysis.Api.Contracts;

/// <summary>A dataset stored (201), or the one already stored with the same content (200).</summary>
public sealed record DatasetResponse(DatasetDto Dataset)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>A dataset and the text of its first 10 rows.</summary>
public sealed record DatasetDetailsResponse(DatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>A page of the caller's datasets, newest first.</summary>
public sealed record DatasetListResponse(IReadOnlyList<DatasetDto> Datasets, int Page, int PageSize, int Total)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
