using static Analysis.Domain.Analyses.RText;

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

    public override RCode? ToR() => new(
        $"TukeyHSD(aov({Name(Column)} ~ factor({Name(GroupBy)}), data = d), conf.level = {Num(ConfidenceLevel)})",
        [
            new("differences", "res[[1]][, \"diff\"]", [new RPath("comparisons", RPath.Each, "difference")]),
            new RCheck("intervals", "t(res[[1]][, c(\"lwr\", \"upr\"), drop = FALSE])", [new RPath("comparisons", RPath.Each, "confidenceInterval", RPath.Each)],
                Tolerance: 1e-4, Reason: "R's qtukey stops its secant iteration at about 1e-4 (ADR-0014)"),
            new RCheck("adjusted p-values", "res[[1]][, \"p adj\"]", [new RPath("comparisons", RPath.Each, "pValue")],
                AbsoluteBelow: 1e-4, AbsoluteTolerance: 5e-11,
                Reason: "R's ptukey keeps about 1e-11 absolute in the upper tail (ADR-0014): p-values below 1e-4 are compared absolutely"),
        ]);
}
