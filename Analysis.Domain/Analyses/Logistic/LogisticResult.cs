namespace Analysis.Domain.Analyses.Logistic;

/// <summary>
/// A logistic fit as R's <c>summary(glm(y ~ ..., family = binomial))</c> reports it. <see cref="Event"/> is the level
/// of the dependent column modelled as 1 (the second in level order).
/// </summary>
public sealed record LogisticResult(
    string Dependent,
    IReadOnlyList<string> Independents,
    string Event,
    int N,
    IReadOnlyList<LogisticCoefficient> Coefficients,
    double Deviance,
    double NullDeviance,
    int DfResidual,
    int DfNull,
    double Aic,
    string Title) : AnalysisResult
{
    public override string Type => LogisticType.TypeName;

    /// <summary>The prior weights column (R: <c>glm(..., weights = w)</c>), or null.</summary>
    public string? Weights { get; init; }

    public override string Highlight =>
        $"{Title}: deviance = {Format.Stat(Deviance)} on {DfResidual} df (null {Format.Stat(NullDeviance)} on {DfNull}), AIC = {Format.Stat(Aic)}";

    /// <summary>The model against the intercept alone: the drop in deviance, a χ² on the difference in df, and its p.</summary>
    public override string ApaSentence =>
        $"χ²({DfNull - DfResidual}) = {Apa.Stat(NullDeviance - Deviance)}, {Apa.P(Distributions.ChiSquareUpper(NullDeviance - Deviance, DfNull - DfResidual))} (deviance {Apa.Stat(Deviance)} against {Apa.Stat(NullDeviance)} for the intercept alone), AIC = {Apa.Stat(Aic)}, event: {Event}";
}
