namespace Analysis.Domain.Statistics;

/// <summary>A two-sided Wilcoxon signed-rank test, as R's wilcox.test(d, mu = 0) reports it.</summary>
/// <param name="V">Sum of the ranks of |d| over the positive differences (R: statistic, named V).</param>
/// <param name="PValue">Two-sided p-value (R: p.value); NaN when every difference is zero, as R gives NA.</param>
/// <param name="Kind">Exact distribution or normal approximation.</param>
/// <param name="N">Number of non-zero differences, the ones ranked.</param>
/// <param name="Zeros">Number of zero differences dropped (R warns "cannot compute exact p-value with zeroes" when exact was asked for).</param>
/// <param name="HasTies">Whether the non-zero |d| have ties (R warns "cannot compute exact p-value with ties" when exact was asked for).</param>
public readonly record struct SignedRankTest(double V, double PValue, RankTestKind Kind, int N, int Zeros, bool HasTies);
