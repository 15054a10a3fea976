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
}
