namespace Analysis.Domain.Analyses.TTest;

/// <summary>
/// A t-test's numbers. <see cref="Kind"/> is welch, student, one-sample or paired; the echo fields
/// (<see cref="Column"/>, <see cref="GroupBy"/>, <see cref="Columns"/>, <see cref="Mu"/>) are those of the kind.
/// </summary>
public sealed record TTestResult(
    string Kind,
    string? Column,
    string? GroupBy,
    IReadOnlyList<string>? Columns,
    double? Mu,
    double Statistic,
    double Df,
    double PValue,
    double[] ConfidenceInterval,
    double ConfidenceLevel,
    double Estimate,
    IReadOnlyList<GroupSummary>? Groups,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => TTestType.TypeName;

    /// <summary>
    /// Cohen's d: two-sample, the difference of means over the pooled SD (for Welch's test too); paired, the mean
    /// difference over the SD of the differences; one-sample, (mean − mu) over the SD.
    /// </summary>
    public double CohensD { get; init; }

    /// <summary>Cohen's d and Hedges' g with their intervals at the test's confidence level (effectsize 0.8.3).</summary>
    public IReadOnlyList<EffectSize>? EffectSizes { get; init; }

    /// <summary>With <c>checks</c>: Shapiro–Wilk on each group, Levene (median) between them.</summary>
    public AssumptionChecks? Checks { get; init; }

    public override string Highlight => $"{Title}: t = {Format.Stat(Statistic)}, df = {Format.Stat(Df)}, p = {Format.P(PValue)}";

    public override string ApaSentence =>
        $"t({Apa.Df(Df)}) = {Apa.Stat(Statistic)}, {Apa.P(PValue)}, d = {Apa.Stat(CohensD)}, {Apa.Ci(ConfidenceLevel, ConfidenceInterval[0], ConfidenceInterval[1])} for the {(Kind is "one-sample" ? "mean" : "difference")} ({Apa.Stat(Estimate)})";
}
