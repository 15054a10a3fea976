namespace Analysis.Domain.Statistics;

/// <summary>A Kruskal–Wallis rank-sum test, as R's kruskal.test(list(g1, g2, ...)) reports it.</summary>
/// <param name="Statistic">The ties-corrected chi-squared statistic (R: statistic); NaN when every value is tied.</param>
/// <param name="Df">Number of groups − 1 (R: parameter).</param>
/// <param name="PValue">Upper chi-squared tail of <paramref name="Statistic"/> (R: p.value); NaN when it is NaN.</param>
/// <param name="MeanRanks">Mean pooled rank of each group, in the order the groups were given.</param>
public readonly record struct KruskalWallisTest(double Statistic, int Df, double PValue, double[] MeanRanks);
