namespace Analysis.Domain.Analyses.MannWhitney;

/// <summary>One group's size and median.</summary>
public sealed record GroupMedian(string Name, int N, double Median);
