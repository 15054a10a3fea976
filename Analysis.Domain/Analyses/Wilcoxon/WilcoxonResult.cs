namespace Analysis.Domain.Analyses.Wilcoxon;

/// <summary>
/// R's V (the sum of the ranks of the positive differences), the two-sided p-value (<see cref="Kind"/>: exact or
/// normal), the rows used (<see cref="N"/>) and how many of their differences were zero and dropped, as R drops them.
/// </summary>
public sealed record WilcoxonResult(
    string Kind,
    IReadOnlyList<string>? Columns,
    string? Column,
    double? Mu,
    double Statistic,
    double PValue,
    int N,
    int Zeros,
    string Title) : AnalysisResult
{
    public override string Type => WilcoxonType.TypeName;

    /// <summary>The rank-biserial r (2V/S − 1 over the non-zero differences) with effectsize 0.8.3's 95 % interval.</summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    public override string Highlight => $"{Title}: V = {Format.Stat(Statistic)}, p = {Format.P(PValue)} ({Kind})";

    public override string ApaSentence => $"V = {Apa.Stat(Statistic)}, {Apa.P(PValue)}";
}
