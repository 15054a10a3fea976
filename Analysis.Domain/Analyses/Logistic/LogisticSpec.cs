namespace Analysis.Domain.Analyses.Logistic;

/// <summary>Binomial regression with the logit link of a two-valued column on numeric and categorical predictors, with an intercept.</summary>
public sealed record LogisticSpec(string Dependent, IReadOnlyList<string> Independents) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Logistic;

    public override IReadOnlyList<string> ColumnsUsed => [Dependent, .. Independents];

    public override string Title => $"logistic {Dependent} ~ {string.Join(" + ", Independents)}";
}
