namespace Analysis.Domain.Analyses.Tukey;

/// <summary>Tukey's honest significant differences between every pair of levels of a grouping column.</summary>
public sealed record TukeySpec(string Column, string GroupBy, double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Tukey;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"tukey {Column} by {GroupBy}";
}
