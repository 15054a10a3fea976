namespace Analysis.Domain.Analyses.MannWhitney;

/// <summary>
/// R's W (the first group's rank sum less its minimum), the two-sided p-value (<see cref="Kind"/>: exact or
/// normal), and the rank-biserial correlation 2W/(n₁n₂) − 1.
/// </summary>
public sealed record MannWhitneyResult(
    string Column,
    string GroupBy,
    string Kind,
    double Statistic,
    double PValue,
    double RankBiserial,
    IReadOnlyList<GroupMedian> Groups,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => MannWhitneyType.TypeName;

    /// <summary>The rank-biserial r with effectsize 0.8.3's 95 % interval.</summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    public override string Highlight => $"{Title}: W = {Format.Stat(Statistic)}, p = {Format.P(PValue)} ({Kind})";

    public override string ApaSentence => $"W = {Apa.Stat(Statistic)}, {Apa.P(PValue)}, r = {Apa.Bounded(RankBiserial)} (rank-biserial)";
}
