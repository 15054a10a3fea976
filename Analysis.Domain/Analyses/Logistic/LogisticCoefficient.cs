namespace Analysis.Domain.Analyses.Logistic;

/// <summary>One term of a logistic model: its estimate (log odds), standard error, Wald z and two-sided p-value.</summary>
public sealed record LogisticCoefficient(string Term, double Estimate, double StdError, double ZStatistic, double PValue);
