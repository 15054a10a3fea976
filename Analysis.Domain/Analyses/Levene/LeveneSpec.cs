namespace Analysis.Domain.Analyses.Levene;

public sealed record LeveneSpec(string Column, string GroupBy, LeveneCenter Center) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Levene;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"levene {Column} by {GroupBy}";

    public string CenterName => Center == LeveneCenter.Median ? "median" : "mean";
}
