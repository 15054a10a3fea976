namespace Analysis.Domain.Analyses.Tukey;

/// <summary>
/// One pair [a, b] (a before b in level order): the difference of means b − a, its family-wise confidence interval
/// and adjusted p-value.
/// </summary>
public sealed record TukeyComparison(IReadOnlyList<string> Groups, double Difference, double[] ConfidenceInterval, double PValue);
