namespace Analysis.Api.Contracts;

/// <summary>
/// A categorical column's sampled values as their text; null where the value is missing (and for a value past the
/// 1,000 levels a column keeps).
/// </summary>
public sealed record CategoricalSampleColumn(string Name, IReadOnlyList<string?> Values) : SampleColumn(Name);
