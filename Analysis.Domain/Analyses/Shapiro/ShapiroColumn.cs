namespace Analysis.Domain.Analyses.Shapiro;

/// <summary>One column's test: W and its p-value over its <see cref="N"/> values, or why it has none (<see cref="Error"/>).</summary>
public sealed record ShapiroColumn(int N, double? Statistic, double? PValue, string? Error);
