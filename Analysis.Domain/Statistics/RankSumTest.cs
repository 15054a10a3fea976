namespace Analysis.Domain.Statistics;

/// <summary>A two-sided Wilcoxon rank-sum (Mann–Whitney) test, as R's wilcox.test(x, y) reports it.</summary>
/// <param name="W">Sum of the ranks of x minus nx(nx + 1)/2 (R: statistic, named W).</param>
/// <param name="PValue">Two-sided p-value (R: p.value); NaN when every value is tied, as R gives NA.</param>
/// <param name="Kind">Exact distribution or normal approximation.</param>
/// <param name="HasTies">Whether the pooled sample has tied values (R warns "cannot compute exact p-value with ties" when exact was asked for).</param>
public readonly record struct RankSumTest(double W, double PValue, RankTestKind Kind, bool HasTies);
