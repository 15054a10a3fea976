namespace Analysis.Domain.Analyses.TTest;

public sealed record TwoSampleTTestSpec(
    string Column, string GroupBy, IReadOnlyList<string>? Groups, bool EqualVariance, double ConfidenceLevel)
    : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    /// <summary>With two <see cref="Groups"/> named, the other groups' rows are not left out for missing values: they are not compared.</summary>
    public override int CountExcluded(Dataset data) => ExcludedRows.Count(data, ColumnsUsed, GroupBy, Groups);

    public override string Title => $"ttest {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(
        Type, ("column", Column), ("groupBy", GroupBy), ("groups", Groups?.ToArray()), ("equalVariance", EqualVariance), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Numeric(data, Column, "column", fail);
        DataChecks.TwoGroups(data, GroupBy, Groups, "a two-sample t-test", fail);
    }
}
