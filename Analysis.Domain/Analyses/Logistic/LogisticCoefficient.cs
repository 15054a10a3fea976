namespace Analysis.Domain.Analyses.Logistic;

/// <summary>One term of a logistic model: its estimate (log odds), standard error, Wald z and two-sided p-value.</summary>
public sealed record LogisticCoefficient(string Term, double Estimate, double StdError, double ZStatistic, double PValue)
{
    /// <summary>exp(estimate) (R: <c>exp(coef(fit))</c>).</summary>
    public double OddsRatio => Math.Exp(Estimate);

    /// <summary>The Wald 95 % interval of the odds ratio, exp(estimate ± z₀.₉₇₅·se) (R: <c>exp(confint.default(fit))</c>).</summary>
    public double[] OddsRatioInterval
    {
        get
        {
            var z = Statistics.Distributions.NormalQuantile(0.975);
            return [Math.Exp(Estimate - (z * StdError)), Math.Exp(Estimate + (z * StdError))];
        }
    }
}
