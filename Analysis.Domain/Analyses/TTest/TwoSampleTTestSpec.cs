namespace Analysis.Domain.Analyses.TTest;

public sealed record TwoSampleTTestSpec(
    string Column, string GroupBy, IReadOnlyList<string>? Groups, bool EqualVariance, double ConfidenceLevel)
    : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"ttest {Column} by {GroupBy}";
}
