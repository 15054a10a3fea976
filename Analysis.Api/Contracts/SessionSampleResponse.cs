using System.Text.Json.Serialization;

namespace Analysis.Api.Contracts;

/// <summary>
/// Rows of a session's dataset for a chart: <c>rows</c> is the dataset's row count, <c>sampled</c> whether fewer
/// were taken (evenly spaced in file order; every column holds the same rows, in that order).
/// </summary>
public sealed record SessionSampleResponse(Guid SessionId, int Rows, bool Sampled, IReadOnlyList<SampleColumn> Columns)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
