namespace Analysis.Domain.Analyses;

/// <summary>One group's size, mean and sample standard deviation.</summary>
public sealed record GroupSummary(string Name, int N, double Mean, double Std);
