namespace Analysis.Domain.Analyses.Regression;

public sealed record RegressionResult(
    string Dependent,
    IReadOnlyList<string> Independents,
    int N,
    IReadOnlyList<Coefficient> Coefficients,
    double RSquared,
    double AdjustedRSquared,
    double FStatistic,
    double FPValue,
    double ResidualStdError,
    int DfResidual,
    string Title) : AnalysisResult
{
    public override string Type => RegressionType.TypeName;

    /// <summary>The weights column (R: <c>lm(..., weights = w)</c>), or null for an unweighted fit.</summary>
    public string? Weights { get; init; }

    /// <summary>
    /// With <c>checks</c>: Shapiro–Wilk on the residuals (times √w when weighted, as R's weighted.residuals), Levene
    /// (median) between the residuals of fitted values above their median and the others.
    /// </summary>
    public AssumptionChecks? Checks { get; init; }

    public override string Highlight =>
        $"{Title}: R² = {Format.Stat(RSquared)}, adj. R² = {Format.Stat(AdjustedRSquared)}, F = {Format.Stat(FStatistic)} on {Independents.Count} and {DfResidual} df, p = {Format.P(FPValue)}";

    public override string ApaSentence =>
        $"R² = {Apa.Bounded(RSquared)}, adjusted R² = {Apa.Bounded(AdjustedRSquared)}, F({Coefficients.Count - 1}, {DfResidual}) = {Apa.Stat(FStatistic)}, {Apa.P(FPValue)}";
}
