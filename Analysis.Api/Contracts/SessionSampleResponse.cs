using System.Text.Json.Serialization;
using Analysis.Application.Datasets;

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

/// <summary>
/// Rows of a stored dataset for a chart, as <see cref="SessionSampleResponse"/> gives a session's.
/// </summary>
public sealed record DatasetSampleResponse(Guid DatasetId, int Rows, bool Sampled, IReadOnlyList<SampleColumn> Columns)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>A sampled column, told apart by <c>type</c>: numbers for a numeric column, texts for a categorical one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(NumericSampleColumn), "numeric")]
[JsonDerivedType(typeof(CategoricalSampleColumn), "categorical")]
public abstract record SampleColumn(string Name)
{
    /// <summary>The answer's form of a sampled column.</summary>
    public static IReadOnlyList<SampleColumn> From(SampleDto sample) =>
        [.. sample.Columns.Select(c => c.Numbers is { } numbers ? (SampleColumn)new NumericSampleColumn(c.Name, numbers) : new CategoricalSampleColumn(c.Name, c.Texts!))];
}

/// <summary>A numeric column's sampled values; null where the value is missing.</summary>
public sealed record NumericSampleColumn(string Name, IReadOnlyList<double?> Values) : SampleColumn(Name);

/// <summary>
/// A categorical column's sampled values as their text; null where the value is missing (and for a value past the
/// 1,000 levels a column keeps).
/// </summary>
public sealed record CategoricalSampleColumn(string Name, IReadOnlyList<string?> Values) : SampleColumn(Name);
