using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.MannWhitney;

/// <summary>The Wilcoxon rank-sum (Mann–Whitney) test of a numeric column between two levels of a grouping column.</summary>
public sealed record MannWhitneySpec(string Column, string GroupBy, IReadOnlyList<string>? Groups, bool? Exact, bool Correction) : AnalysisSpec
{
    /// <summary>The grouping column is numeric (its levels are numbers): known when the spec is built from the schema.</summary>
    public bool NumericGroupBy { get; init; }

    public override string Type => MannWhitneyType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    /// <summary>With two <see cref="Groups"/> named, the other groups' rows are not left out for missing values: they are not compared.</summary>
    public override int CountExcluded(Dataset data) => ExcludedRows.Count(data, ColumnsUsed, GroupBy, Groups);

    public override string Title => $"mannwhitney {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(
        Type, ("column", Column), ("groupBy", GroupBy), ("groups", Groups?.ToArray()), ("correction", Correction), ("exact", Exact));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Numeric(data, Column, "column", fail);
        DataChecks.TwoGroups(data, GroupBy, Groups, "a rank-sum test", fail);
    }

    /// <summary>A handful of numbers; a ranking, and an exact distribution of at most 2²⁰ coefficients.</summary>
    public override AnalysisCost Cost(DatasetSchema schema) => new(AnalysisCost.Json(12, 2), (4 * AnalysisCost.SortOf(schema.Rows)) + (1 << 24));

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        MannWhitneyAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), Group(GroupBy, Groups, NumericGroupBy));
        return new RCode(
            $"wilcox.test({y} ~ {g}, data = d, exact = {Bool(Exact)}, correct = {Bool(Correction)})",
            [
                new("W", "res$statistic", "statistic"),
                new("p-value", "res$p.value", "pValue"),
                new("rank-biserial r", $"2 * res$statistic / prod({PerGroup(y, g, "length")}) - 1", "rankBiserial"),
                new("group sizes", PerGroup(y, g, "length"), [new RPath("groups", RPath.Each, "n")]),
                new("group medians", PerGroup(y, g, "median"), [new RPath("groups", RPath.Each, "median")]),
                new("rank-biserial r and its interval (effectsize's)",
                    $"local({{ n <- {PerGroup(y, g, "length")}; r <- 2 * res$statistic / prod(n) - 1; " +
                    "c(r, tanh(atanh(r) + c(-1, 1) * qnorm(0.975) * sqrt((sum(n) + 1) / (3 * prod(n))))) })",
                    [new RPath("effectSizes", RPath.Each, "estimate"), new RPath("effectSizes", RPath.Each, "confidenceInterval", RPath.Each)]),
            ]);
    }
}
