namespace Analysis.Domain.Analyses.Anova;

public sealed record AnovaResult(
    string Column,
    string GroupBy,
    double FStatistic,
    int DfBetween,
    int DfWithin,
    double PValue,
    double SumSquaresBetween,
    double SumSquaresWithin,
    IReadOnlyList<GroupSummary> Groups,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => AnovaType.TypeName;

    /// <summary>η²: the between-groups sum of squares over the total.</summary>
    public double EtaSquared { get; init; }

    /// <summary>η², ω² and ε² with effectsize 0.8.3's one-sided 95 % intervals; absent when F is not finite.</summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    /// <summary>With <c>checks</c>: Shapiro–Wilk on the residuals, Levene (median) across the groups.</summary>
    public AssumptionChecks? Checks { get; init; }

    public override string Highlight =>
        $"{Title}: F = {Format.Stat(FStatistic)}, df = {DfBetween}, {DfWithin}, p = {Format.P(PValue)}";

    public override string ApaSentence =>
        $"F({DfBetween}, {DfWithin}) = {Apa.Stat(FStatistic)}, {Apa.P(PValue)}, η² = {Apa.Bounded(EtaSquared)}";
}
