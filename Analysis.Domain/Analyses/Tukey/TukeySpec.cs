namespace Analysis.Domain.Analyses.Tukey;

/// <summary>Tukey's honest significant differences between every pair of levels of a grouping column.</summary>
public sealed record TukeySpec(string Column, string GroupBy, double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => TukeyType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    public override string Title => $"tukey {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("groupBy", GroupBy), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.ColumnByGroups(data, Column, GroupBy, "Tukey's test", fail);

    /// <summary>Five numbers a pair of groups (at most 100 groups); a studentized range integral per pair.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double g = Math.Min(AnalysisCost.LevelsAtMost(schema, GroupBy), 100), pairs = g * (g - 1) / 2;
        return new(AnalysisCost.Json((5 * pairs) + (4 * g), (2 * pairs) + g), (4.0 * schema.Rows) + (pairs * 100_000));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        TukeyAnalysis.Run(this, data, cancellationToken);
}
