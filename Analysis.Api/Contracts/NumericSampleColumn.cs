namespace Analysis.Api.Contracts;

/// <summary>A numeric column's sampled values; null where the value is missing.</summary>
public sealed record NumericSampleColumn(string Name, IReadOnlyList<double?> Values) : SampleColumn(Name);
