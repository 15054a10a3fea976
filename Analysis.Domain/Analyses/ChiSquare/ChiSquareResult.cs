namespace Analysis.Domain.Analyses.ChiSquare;

public sealed record ChiSquareResult(
    IReadOnlyList<string> Columns,
    double Statistic,
    int Df,
    double PValue,
    IReadOnlyList<string> RowLevels,
    IReadOnlyList<string> ColumnLevels,
    long[][] Observed,
    double[][] Expected,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => ChiSquareType.TypeName;

    /// <summary>Cramér's V (and φ for a 2×2 table), bias-adjusted, with effectsize 0.8.3's one-sided 95 % intervals.</summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    public override string Highlight => $"{Title}: X² = {Format.Stat(Statistic)}, df = {Df}, p = {Format.P(PValue)}";

    public override string ApaSentence => $"χ²({Df}, N = {N}) = {Apa.Stat(Statistic)}, {Apa.P(PValue)}";
}
