namespace Analysis.Domain.Analyses.TTest;

/// <summary>The three t-tests share a confidence level and a computation; each kind names its own columns.</summary>
public abstract record TTestSpec(double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => TTestType.TypeName;

    /// <summary>A handful of numbers; one pass.</summary>
    public override AnalysisCost Cost(DatasetSchema schema) => new(AnalysisCost.Json(20), 4.0 * schema.Rows);

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        TTestAnalysis.Run(this, data, cancellationToken);

    /// <summary>What every t-test reports as <c>t.test</c> does; <paramref name="estimate"/>: its estimate from <c>res</c>.</summary>
    internal static IEnumerable<RCheck> Checks(string estimate) =>
    [
        new("t", "res$statistic", "statistic"),
        new("df", "res$parameter", "df"),
        new("p-value", "res$p.value", "pValue"),
        new("confidence interval", "res$conf.int", "confidenceInterval"),
        new("estimate", estimate, "estimate"),
    ];
}
