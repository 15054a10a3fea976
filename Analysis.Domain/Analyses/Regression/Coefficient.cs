namespace Analysis.Domain.Analyses.Regression;

public sealed record Coefficient(string Term, double Estimate, double StdError, double TStatistic, double PValue)
{
    /// <summary>
    /// The coefficient in standard deviations of the response per standard deviation of a numeric predictor (per level
    /// indicator as it is), as effectsize 0.8.3's standardize_parameters (method "refit") gives it; weighted SDs
    /// (Σw − 1 below) for a weighted fit.
    /// </summary>
    public double StandardizedEstimate { get; init; }
}
