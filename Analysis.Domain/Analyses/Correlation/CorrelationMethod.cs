namespace Analysis.Domain.Analyses.Correlation;

public enum CorrelationMethod
{
    Pearson,
    Spearman,
    Kendall,
}
