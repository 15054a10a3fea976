namespace Analysis.Domain.Analyses.Fisher;

/// <summary>
/// The exact p-value; for a 2×2 table also the conditional maximum-likelihood odds ratio and its interval at
/// <see cref="ConfidenceLevel"/>. The table is given as the chi-square test gives it.
/// </summary>
public sealed record FisherResult(
    IReadOnlyList<string> Columns,
    double PValue,
    double? OddsRatio,
    double[]? ConfidenceInterval,
    double? ConfidenceLevel,
    string[] RowLevels,
    string[] ColumnLevels,
    long[][] Observed,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => FisherType.TypeName;

    public override string Highlight => OddsRatio is { } ratio
        ? $"{Title}: odds ratio = {Format.Stat(ratio)}, p = {Format.P(PValue)}"
        : $"{Title}: {RowLevels.Length}x{ColumnLevels.Length} table, p = {Format.P(PValue)}";

    public override string ApaSentence => OddsRatio is { } ratio && ConfidenceInterval is [var low, var high]
        ? $"Fisher's exact test, {Apa.P(PValue)}, OR = {Apa.Stat(ratio)}, {Apa.Ci(ConfidenceLevel ?? 0.95, low, high)}"
        : $"Fisher's exact test, {Apa.P(PValue)}";
}
