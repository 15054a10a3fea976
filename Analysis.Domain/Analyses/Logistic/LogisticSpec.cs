using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Logistic;

/// <summary>Binomial regression with the logit link of a two-valued column on numeric and categorical predictors, with an intercept.</summary>
public sealed record LogisticSpec(string Dependent, IReadOnlyList<string> Independents, string? Weights = null) : AnalysisSpec
{
    public override string Type => LogisticType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Weights is null ? [Dependent, .. Independents] : [Dependent, .. Independents, Weights];

    public override IReadOnlyList<string> GroupingColumns => [Dependent];

    public override string Title => $"logistic {Dependent} ~ {string.Join(" + ", Independents)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("dependent", Dependent), ("independents", Independents.ToArray()), ("weights", Weights));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (DataChecks.Levels(data, Dependent, "dependent", fail) is { Length: not 2 } outcomes)
        {
            var shown = string.Join(", ", outcomes.Take(5)) + (outcomes.Length > 5 ? ", ..." : string.Empty);
            fail("dependent", $"Column '{Dependent}' has {outcomes.Length} distinct value{(outcomes.Length == 1 ? string.Empty : "s")} ({shown}); " +
                "a logistic regression needs exactly 2 (the second in level order is the event).");
        }

        DataChecks.Predictors(data, Independents, fail);
        DataChecks.Weights(data, Weights, fail);
    }

    /// <summary>Six numbers a term; up to 25 weighted QRs (IRLS) of n rows by p terms.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double p = AnalysisCost.TermsAtMost(schema, Independents), n = schema.Rows;
        return new(AnalysisCost.Json((6 * p) + 10, p + 2), 25 * ((p * p * n) + (4 * p * n)));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        LogisticAnalysis.Run(this, data, cancellationToken);

    /// <summary>R's binomial family takes a factor's first level as failure: the event is the second, as here.</summary>
    public override RCode? ToR() => new(
        $"glm(factor({Name(Dependent)}) ~ {string.Join(" + ", Independents.Select(Name))}, family = binomial, data = d{(Weights is null ? string.Empty : $", weights = {Name(Weights)}")})",
        [
            .. RCheck.Coefficients("zStatistic", "z values"),
            new("deviance", "res$deviance", "deviance"),
            new("null deviance", "res$null.deviance", "nullDeviance"),
            new("df", "c(res$df.residual, res$df.null)", [new RPath("dfResidual"), new RPath("dfNull")]),
            new("AIC", "res$aic", "aic"),
            new("odds ratios", "exp(coef(res))", [new RPath("coefficients", RPath.Each, "oddsRatio")]),
            new("their Wald intervals", "t(exp(confint.default(res)))", [new RPath("coefficients", RPath.Each, "oddsRatioInterval", RPath.Each)]),
        ]);
}
