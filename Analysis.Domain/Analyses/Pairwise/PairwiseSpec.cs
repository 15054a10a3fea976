using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Pairwise;

/// <summary>Which two-sample test <see cref="PairwiseSpec"/> runs on every pair.</summary>
public enum PairwiseTest
{
    T,
    Wilcoxon,
}

/// <summary>
/// A two-sample test between every pair of levels of a grouping column, the p-values corrected as one family: R's
/// <c>pairwise.t.test</c> (pooled SD, Welch or paired) and <c>pairwise.wilcox.test</c> (rank-sum or signed-rank).
/// Paired: the k-th row of each group (rows with no group left out) is the same subject, as R pairs them.
/// </summary>
public sealed record PairwiseSpec(string Column, string GroupBy, PairwiseTest Test, bool PooledSd, bool Paired, PAdjustMethod PAdjust) : AnalysisSpec
{
    public override string Type => PairwiseType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    public override string Title => $"pairwise {(Test == PairwiseTest.T ? "t" : "wilcoxon")} {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(
        Type, ("column", Column), ("groupBy", GroupBy), ("test", Test == PairwiseTest.T ? "t" : "wilcoxon"),
        ("pooledSd", Test == PairwiseTest.T ? PooledSd : null), ("paired", Paired), ("pAdjust", Statistics.PAdjust.Name(PAdjust)));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.ColumnByGroups(data, Column, GroupBy, "a pairwise comparison", fail);

    /// <summary>
    /// Three numbers a pair of at most 100 groups; each value is in (groups − 1) pairs, ranked there for the Wilcoxon
    /// tests.
    /// </summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double g = Math.Min(AnalysisCost.LevelsAtMost(schema, GroupBy), PairwiseAnalysis.MaxGroups), pairs = g * (g - 1) / 2;
        var perPair = Test == PairwiseTest.Wilcoxon ? 4 * AnalysisCost.SortOf(schema.Rows) * Math.Max(1, g - 1) : 4.0 * schema.Rows * Math.Max(1, PooledSd ? 1 : g - 1);
        return new(AnalysisCost.Json((3 * pairs) + 4, (2 * pairs) + 4), perPair + (pairs * 1_000));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        PairwiseAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), Name(GroupBy));
        string Call(PAdjustMethod method)
        {
            // Unpaired, R's pooled SD needs the rows with a value (a group of only missing values would make it NA);
            // paired, a row's place in its group pairs it, so only rows with no group go.
            var rows = Paired ? $"d[!is.na({RText.Column(GroupBy)}), ]" : $"na.omit(d[{Strs([this.Column, GroupBy])}])";
            var test = Test == PairwiseTest.T
                ? $"pairwise.t.test({y}, {g}, p.adjust.method = {Str(Statistics.PAdjust.Name(method))}, pool.sd = {Bool(PooledSd)}, paired = {Bool(Paired)})"
                : $"pairwise.wilcox.test({y}, {g}, p.adjust.method = {Str(Statistics.PAdjust.Name(method))}, paired = {Bool(Paired)})";
            return $"with({rows}, {test})";
        }

        List<RCheck> checks =
        [
            new("p-values", $"local({{ p <- {Call(PAdjustMethod.None)}$p.value; p[lower.tri(p, TRUE)] }})", [new RPath("comparisons", RPath.Each, "pValue")]),
            new("adjusted p-values", "res$p.value[lower.tri(res$p.value, TRUE)]", [new RPath("comparisons", RPath.Each, "pValueAdjusted")]),
        ];
        if (Test == PairwiseTest.T && PooledSd)
        {
            checks.Add(new("pooled SD", $"with(x, sqrt(sum(tapply({y}, {g}, function(v) (length(v) - 1) * var(v))) / (length({y}) - length(unique({g})))))", "pooledSd"));
        }

        return new RCode(Call(PAdjust), checks);
    }
}
