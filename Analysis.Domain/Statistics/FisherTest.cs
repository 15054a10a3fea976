namespace Analysis.Domain.Statistics;

/// <summary>
/// The result of Fisher's exact test (R: fisher.test): the two-sided p-value and, for a 2 × 2 table, the conditional
/// maximum-likelihood odds ratio with its confidence interval (null for a larger table, where R reports neither).
/// </summary>
public readonly record struct FisherTest(double PValue, double? OddsRatio, double? ConfidenceLow, double? ConfidenceHigh);
