using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Anova;

public sealed record AnovaSpec(string Column, string GroupBy, bool WithChecks = false) : AnalysisSpec
{
    public override string Type => AnovaType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override IReadOnlyList<string> GroupingColumns => [GroupBy];

    public override string Title => $"anova {Column} by {GroupBy}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("groupBy", GroupBy), ("checks", WithChecks ? true : null));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.ColumnByGroups(data, Column, GroupBy, "an ANOVA", fail);

    /// <summary>Four numbers a group; one pass.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        var groups = AnalysisCost.LevelsAtMost(schema, GroupBy);
        return new(AnalysisCost.Json((4.0 * groups) + 10, groups), 4.0 * schema.Rows);
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        AnovaAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR()
    {
        var (y, g) = (Name(Column), $"factor({Name(GroupBy)})");
        return new RCode(
            $"anova(lm({y} ~ {g}, data = d))",
            [
                new("F", "res$`F value`[1]", "fStatistic"),
                new("df", "res$Df", [new RPath("dfBetween"), new RPath("dfWithin")]),
                new("p-value", "res$`Pr(>F)`[1]", "pValue"),
                new("sums of squares", "res$`Sum Sq`", [new RPath("sumSquaresBetween"), new RPath("sumSquaresWithin")]),
                new("eta squared", "res$`Sum Sq`[1] / sum(res$`Sum Sq`)", "etaSquared"),
                new("group sizes", PerGroup(y, g, "length"), [new RPath("groups", RPath.Each, "n")]),
                new("group means", PerGroup(y, g, "mean"), [new RPath("groups", RPath.Each, "mean")]),
                new("group SDs", PerGroup(y, g, "sd"), [new RPath("groups", RPath.Each, "std")]),
                new("eta, omega and epsilon squared",
                    "local({ f <- res$`F value`[1]; d1 <- res$Df[1]; d2 <- res$Df[2]; c(f * d1 / (f * d1 + d2), max(0, (f - 1) * d1 / (f * d1 + d2 + 1)), max(0, (f - 1) * d1 / (f * d1 + d2))) })",
                    [new RPath("effectSizes", RPath.Each, "estimate")]),
                new("their one-sided intervals (the noncentral F's, as effectsize)",
                    "local({ f <- res$`F value`[1]; d1 <- res$Df[1]; d2 <- res$Df[2]; " +
                    "low <- function(e) { g <- max(0, (e / d1) / ((1 - e) / d2)); if (pf(g, d1, d2) <= 0.95) 0 else " +
                    "{ l <- uniroot(function(v) pf(g, d1, d2, ncp = v) - 0.95, c(0, 2 * g * d1 + 10), extendInt = \"downX\", tol = 1e-12)$root; l / (l + d2) } }; " +
                    "e <- c(f * d1 / (f * d1 + d2), max(0, (f - 1) * d1 / (f * d1 + d2 + 1)), max(0, (f - 1) * d1 / (f * d1 + d2))); as.vector(rbind(sapply(e, low), 1)) })",
                    [new RPath("effectSizes", RPath.Each, "confidenceInterval", RPath.Each)],
                    Tolerance: 1e-5, Reason: "R's pf with a noncentrality sums its series to 1e-9, so the root it gives moves in the sixth digit"),
                .. WithChecks
                    ? AssumptionChecks.RChecks($"list(residuals(aov({y} ~ {g}, data = x)))", $"with(x, list(v = {y}, g = {g}))")
                    : [],
            ]);
    }
}
