namespace Analysis.Domain.Analyses.Regression;

public sealed record Coefficient(string Term, double Estimate, double StdError, double TStatistic, double PValue);
