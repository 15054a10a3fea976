namespace Analysis.Domain.Analyses.Kruskal;

/// <summary>The Kruskal–Wallis statistic (ties-corrected, χ² on k − 1 df), its p-value, and each group's mean rank.</summary>
public sealed record KruskalResult(
    string Column,
    string GroupBy,
    double Statistic,
    int Df,
    double PValue,
    IReadOnlyList<GroupMeanRank> Groups,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => KruskalType.TypeName;

    /// <summary>
    /// Rank ε² = H / (n − 1) (R: effectsize::rank_epsilon_squared); its interval is null: effectsize 0.8.3 draws it by
    /// bootstrap (random, and only with the package boot), which no fixed computation reproduces.
    /// </summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    public override string Highlight => $"{Title}: χ² = {Format.Stat(Statistic)}, df = {Df}, p = {Format.P(PValue)}";

    public override string ApaSentence => $"H({Df}) = {Apa.Stat(Statistic)}, {Apa.P(PValue)}";
}
