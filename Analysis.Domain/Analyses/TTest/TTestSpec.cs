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

    /// <summary>
    /// Cohen's d and Hedges' g with their intervals in base R (effectsize 0.8.3's method, its noncentrality found by
    /// uniroot): <paramref name="setup"/> defines <c>dif</c> (the difference), <c>s</c> (the SD it is divided by),
    /// <c>df</c> and <c>hn</c> (t = dif / (s·√hn)).
    /// </summary>
    internal IEnumerable<RCheck> EffectSizeChecks(string setup)
    {
        var j = "J <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))";
        yield return new("Cohen's d and Hedges' g", $"local({{ {setup}; {j}; c(dif / s, dif / s * J) }})", [new RPath("effectSizes", RPath.Each, "estimate")]);
        yield return new(
            "their intervals (the noncentral t's, as effectsize)",
            $"local({{ {setup}; {j}; t <- dif / (s * sqrt(hn)); a <- 1 - {RText.Num(ConfidenceLevel)}; " +
            "r <- function(p) uniroot(function(v) suppressWarnings(pt(t, df, ncp = v)) - p, t + c(-10, 10), extendInt = \"yes\", tol = 1e-12)$root; " +
            "ci <- c(r(1 - a / 2), r(a / 2)) * sqrt(hn); c(ci, ci * J) })",
            [new RPath("effectSizes", RPath.Each, "confidenceInterval", RPath.Each)]);
    }
}
