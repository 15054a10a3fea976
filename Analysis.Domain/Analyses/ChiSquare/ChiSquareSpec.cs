using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.ChiSquare;

public sealed record ChiSquareSpec(string RowVariable, string ColumnVariable, bool Correction) : AnalysisSpec
{
    public override string Type => ChiSquareType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override IReadOnlyList<string> GroupingColumns => ColumnsUsed;

    public override string Title => $"chisquare {RowVariable} by {ColumnVariable}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", new[] { RowVariable, ColumnVariable }), ("correction", Correction));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Levels(data, RowVariable, "columns[0]", fail);
        DataChecks.Levels(data, ColumnVariable, "columns[1]", fail);
    }

    /// <summary>The observed and expected tables; one pass to count.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double r = AnalysisCost.LevelsAtMost(schema, RowVariable), c = AnalysisCost.LevelsAtMost(schema, ColumnVariable);
        return new(AnalysisCost.Json((2 * r * c) + 5, r + c), (2.0 * schema.Rows) + (r * c));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        ChiSquareAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR() => new(
        $"chisq.test(table(na.omit(d[{Strs([RowVariable, ColumnVariable])}])), correct = {Bool(Correction)})",
        [
            new("X-squared", "res$statistic", "statistic"),
            new("df", "res$parameter", "df"),
            new("p-value", "res$p.value", "pValue"),
            new("observed", "t(res$observed)", [new RPath("observed", RPath.Each, RPath.Each)]),
            new("expected", "t(res$expected)", [new RPath("expected", RPath.Each, RPath.Each)]),
            new("Cramer's V (and phi) with their one-sided intervals (the noncentral chi-square's, as effectsize)",
                "local({ chi <- unname(res$statistic); n <- sum(res$observed); r <- nrow(res$observed); k <- ncol(res$observed); df <- (r - 1) * (k - 1); " +
                "adj <- function(p2) sqrt(max(0, p2 - df / (n - 1))); " +
                "nc <- if (pchisq(chi, df) <= 0.95) 0 else uniroot(function(v) pchisq(chi, df, ncp = v) - 0.95, c(0, 2 * chi + 10), extendInt = \"downX\", tol = 1e-12)$root; " +
                "div <- sqrt(min(r - (r - 1)^2 / (n - 1), k - (k - 1)^2 / (n - 1)) - 1); two <- r == 2 && k == 2; " +
                "c(adj(chi / n) / div, if (two) adj(chi / n), adj(nc / n) / div, 1, if (two) c(adj(nc / n), 1)) })",
                [new RPath("effectSizes", RPath.Each, "estimate"), new RPath("effectSizes", RPath.Each, "confidenceInterval", RPath.Each)],
                Tolerance: 1e-5, Reason: "R's pchisq with a noncentrality sums its series to about 1e-12, so the root it gives may move in the seventh digit"),
        ]);
}
