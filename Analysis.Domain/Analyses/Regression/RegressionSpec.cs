using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Regression;

public sealed record RegressionSpec(string Dependent, IReadOnlyList<string> Independents, string? Weights = null, bool WithChecks = false) : AnalysisSpec
{
    public override string Type => RegressionType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Weights is null ? [Dependent, .. Independents] : [Dependent, .. Independents, Weights];

    public override string Title => $"regression {Dependent} ~ {string.Join(" + ", Independents)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("dependent", Dependent), ("independents", Independents.ToArray()), ("weights", Weights), ("checks", WithChecks ? true : null));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Numeric(data, Dependent, "dependent", fail);
        DataChecks.Predictors(data, Independents, fail);
        DataChecks.Weights(data, Weights, fail);
    }

    /// <summary>Five numbers a term; a QR of n rows by p terms (about p² a row).</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double p = AnalysisCost.TermsAtMost(schema, Independents), n = schema.Rows;
        return new(AnalysisCost.Json((5 * p) + 10, p), (p * p * n) + (4 * p * n));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        RegressionAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR() => new(
        $"lm({Name(Dependent)} ~ {string.Join(" + ", Independents.Select(Name))}, data = d{(Weights is null ? string.Empty : $", weights = {Name(Weights)}")})",
        [
            .. RCheck.Coefficients("tStatistic", "t values"),
            new("R squared", "summary(res)$r.squared", "rSquared"),
            new("adjusted R squared", "summary(res)$adj.r.squared", "adjustedRSquared"),
            new("F", "summary(res)$fstatistic[1]", "fStatistic"),
            new("F's p-value", "with(as.list(summary(res)$fstatistic), pf(value, numdf, dendf, lower.tail = FALSE))", "fPValue"),
            new("residual standard error", "summary(res)$sigma", "residualStdError"),
            new("residual df", "res$df.residual", "dfResidual"),
            new("standardized coefficients (effectsize's refit: z-scores of the response and the numeric predictors, weighted SDs when weighted)",
                "local({ X <- model.matrix(res); y <- model.response(model.frame(res)); w <- weights(res); if (is.null(w)) w <- rep(1, length(y)); " +
                "sdw <- function(v) sqrt(sum(w * (v - sum(w * v) / sum(w))^2) / (sum(w) - 1)); " +
                $"isnum <- c(FALSE, vapply(x[{Strs(Independents)}], is.numeric, logical(1))[attr(X, \"assign\")[-1]]); " +
                "b <- coef(res); s <- b / sdw(y) * ifelse(isnum, apply(X, 2, sdw), 1); " +
                "s[1] <- -sum((b * colSums(X * w) / sum(w))[-1][!isnum[-1]]) / sdw(y); unname(s) })",
                [new RPath("coefficients", RPath.Each, "standardizedEstimate")]),
            .. WithChecks
                ? AssumptionChecks.RChecks(
                    "list(weighted.residuals(res))",
                    "local({ w <- weights(res); f <- fitted(res)[if (is.null(w)) TRUE else w > 0]; list(v = weighted.residuals(res), g = factor(f > median(f))) })")
                : [],
        ]);
}
