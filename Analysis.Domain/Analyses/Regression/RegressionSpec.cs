using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Regression;

public sealed record RegressionSpec(string Dependent, IReadOnlyList<string> Independents) : AnalysisSpec
{
    public override string Type => RegressionType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [Dependent, .. Independents];

    public override string Title => $"regression {Dependent} ~ {string.Join(" + ", Independents)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("dependent", Dependent), ("independents", Independents.ToArray()));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Numeric(data, Dependent, "dependent", fail);
        DataChecks.Predictors(data, Independents, fail);
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
        $"lm({Name(Dependent)} ~ {string.Join(" + ", Independents.Select(Name))}, data = d)",
        [
            .. RCheck.Coefficients("tStatistic", "t values"),
            new("R squared", "summary(res)$r.squared", "rSquared"),
            new("adjusted R squared", "summary(res)$adj.r.squared", "adjustedRSquared"),
            new("F", "summary(res)$fstatistic[1]", "fStatistic"),
            new("F's p-value", "with(as.list(summary(res)$fstatistic), pf(value, numdf, dendf, lower.tail = FALSE))", "fPValue"),
            new("residual standard error", "summary(res)$sigma", "residualStdError"),
            new("residual df", "res$df.residual", "dfResidual"),
        ]);
}
