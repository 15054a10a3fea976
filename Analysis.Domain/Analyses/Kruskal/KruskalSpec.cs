using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Kruskal;

/// <summary>The Kruskal–Wallis rank-sum test of a numeric column across the levels of a grouping column.</summary>
public sealed record KruskalSpec(string Column, string GroupBy) : AnalysisSpec
{
    public override string Type => KruskalType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    public override string Title => $"kruskal {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("groupBy", GroupBy));

    public override void CheckData(Dataset data, Action<string, string> fail) =>
        DataChecks.ColumnByGroups(data, Column, GroupBy, "the Kruskal-Wallis test", fail);

    /// <summary>Three numbers a group; a ranking.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        var groups = AnalysisCost.LevelsAtMost(schema, GroupBy);
        return new(AnalysisCost.Json((3.0 * groups) + 5, groups), 4 * AnalysisCost.SortOf(schema.Rows));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        KruskalAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), Name(GroupBy));
        return new RCode(
            $"kruskal.test({y} ~ {g}, data = d)",
            [
                new("chi-squared", "res$statistic", "statistic"),
                new("df", "res$parameter", "df"),
                new("p-value", "res$p.value", "pValue"),
                new("group sizes", PerGroup(y, g, "length"), [new RPath("groups", RPath.Each, "n")]),
                new("group mean ranks", $"with(x, tapply(rank({y}), {g}, mean))", [new RPath("groups", RPath.Each, "meanRank")]),
                new("rank epsilon squared (effectsize's H / (n - 1))", "res$statistic / (nrow(x) - 1)", [new RPath("effectSizes", RPath.Each, "estimate")]),
            ]);
    }
}
