namespace Analysis.Domain.Analyses.Rank;

/// <summary>The Kruskal–Wallis rank-sum test of a numeric column across the levels of a grouping column.</summary>
public sealed record KruskalSpec(string Column, string GroupBy) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Kruskal;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"kruskal {Column} by {GroupBy}";
}
