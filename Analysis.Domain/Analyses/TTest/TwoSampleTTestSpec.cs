using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.TTest;

public sealed record TwoSampleTTestSpec(
    string Column, string GroupBy, IReadOnlyList<string>? Groups, bool EqualVariance, double ConfidenceLevel)
    : TTestSpec(ConfidenceLevel)
{
    /// <summary>The grouping column is numeric (its levels are numbers): known when the spec is built from the schema.</summary>
    public bool NumericGroupBy { get; init; }

    /// <summary>Add the assumption checks: Shapiro–Wilk on each group, Levene (median) between them.</summary>
    public bool WithChecks { get; init; }

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    /// <summary>With two <see cref="Groups"/> named, the other groups' rows are not left out for missing values: they are not compared.</summary>
    public override int CountExcluded(Dataset data) => ExcludedRows.Count(data, ColumnsUsed, GroupBy, Groups);

    public override string Title => $"ttest {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(
        Type, ("column", Column), ("groupBy", GroupBy), ("groups", Groups?.ToArray()), ("equalVariance", EqualVariance), ("confidenceLevel", ConfidenceLevel),
        ("checks", WithChecks ? true : null));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Numeric(data, Column, "column", fail);
        DataChecks.TwoGroups(data, GroupBy, Groups, "a two-sample t-test", fail);
    }

    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), Group(GroupBy, Groups, NumericGroupBy));
        return new RCode(
            $"t.test({y} ~ {g}, data = d, var.equal = {Bool(EqualVariance)}, conf.level = {Num(ConfidenceLevel)})",
            [
                .. TTestSpec.Checks("-diff(res$estimate)"),
                new("group sizes", PerGroup(y, g, "length"), [new RPath("groups", RPath.Each, "n")]),
                new("group means", "res$estimate", [new RPath("groups", RPath.Each, "mean")]),
                new("group SDs", PerGroup(y, g, "sd"), [new RPath("groups", RPath.Each, "std")]),
                new("Cohen's d (pooled SD)",
                    $"with(x, {{ m <- tapply({y}, {g}, mean); v <- tapply({y}, {g}, var); k <- tapply({y}, {g}, length); (m[[1]] - m[[2]]) / sqrt(sum((k - 1) * v) / (sum(k) - 2)) }})",
                    "cohensD"),
                .. EffectSizeChecks(
                    $"v <- with(x, split({y}, {g})); a1 <- v[[1]]; b1 <- v[[2]]; df <- length(a1) + length(b1) - 2; " +
                    "s <- sqrt(((length(a1) - 1) * var(a1) + (length(b1) - 1) * var(b1)) / df); hn <- 1 / length(a1) + 1 / length(b1); dif <- mean(a1) - mean(b1)"),
                .. WithChecks
                    ? AssumptionChecks.RChecks(
                        $"with(x, split({y}, {g}))",
                        $"with(x, {{ f <- factor({g}); k <- !is.na(f); list(v = {y}[k], g = droplevels(f[k])) }})")
                    : [],
            ]);
    }
}
