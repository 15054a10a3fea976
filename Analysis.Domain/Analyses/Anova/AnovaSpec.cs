namespace Analysis.Domain.Analyses.Anova;

public sealed record AnovaSpec(string Column, string GroupBy) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Anova;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"anova {Column} by {GroupBy}";
}
