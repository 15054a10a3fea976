namespace Analysis.Domain.Statistics;

/// <summary>
/// The result of Kendall's rank correlation test (R: cor.test(x, y, method = "kendall")): tau-b, the two-sided p-value,
/// whether the p-value came from the exact null distribution, and the statistic R reports with it — T, the number of
/// concordant pairs, when exact; z, the tie-corrected normal deviate, otherwise.
/// </summary>
public readonly record struct KendallTest(double Tau, double PValue, bool Exact, double Statistic);
