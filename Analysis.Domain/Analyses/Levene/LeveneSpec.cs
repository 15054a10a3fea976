using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Levene;

public sealed record LeveneSpec(string Column, string GroupBy, LeveneCenter Center) : AnalysisSpec
{
    public override string Type => LeveneType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    public override string Title => $"levene {Column} by {GroupBy}";

    public string CenterName => Center == LeveneCenter.Median ? "median" : "mean";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("groupBy", GroupBy), ("center", CenterName));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.ColumnByGroups(data, Column, GroupBy, "Levene's test", fail);

    /// <summary>A handful of numbers; a median per group (a sort).</summary>
    public override AnalysisCost Cost(DatasetSchema schema) => new(AnalysisCost.Json(10), 2 * AnalysisCost.SortOf(schema.Rows));

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        LeveneAnalysis.Run(this, data, cancellationToken);

    /// <summary>Levene's test is the one-way ANOVA of the absolute deviations from each group's centre (car's leveneTest, in base R).</summary>
    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), Name(GroupBy));
        var center = Center == LeveneCenter.Median ? "median" : "mean";
        return new RCode(
            $"anova(lm(abs({y} - ave({y}, {g}, FUN = {center})) ~ factor({g}), data = na.omit(d[{Strs([Column, GroupBy])}])))",
            [
                new("F", "res$`F value`[1]", "fStatistic"),
                new("df", "res$Df", [new RPath("dfBetween"), new RPath("dfWithin")]),
                new("p-value", "res$`Pr(>F)`[1]", "pValue"),
            ]);
    }
}
