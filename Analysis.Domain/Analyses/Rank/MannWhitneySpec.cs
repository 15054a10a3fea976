namespace Analysis.Domain.Analyses.Rank;

/// <summary>The Wilcoxon rank-sum (Mann–Whitney) test of a numeric column between two levels of a grouping column.</summary>
public sealed record MannWhitneySpec(string Column, string GroupBy, IReadOnlyList<string>? Groups, bool? Exact, bool Correction) : AnalysisSpec
{
    public override string Type => AnalysisTypes.MannWhitney;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"mannwhitney {Column} by {GroupBy}";
}
