namespace Analysis.Domain.Analyses.Regression;

public sealed record RegressionSpec(string Dependent, IReadOnlyList<string> Independents) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Regression;

    public override IReadOnlyList<string> ColumnsUsed => [Dependent, .. Independents];

    public override string Title => $"regression {Dependent} ~ {string.Join(" + ", Independents)}";
}
