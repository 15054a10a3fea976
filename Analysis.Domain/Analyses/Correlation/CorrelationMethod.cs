namespace Analysis.Domain.Analyses.Correlation;

public enum CorrelationMethod
{
    Pearson,
    Spearman,
    Kendall,
}

/// <summary>Which rows a correlation takes: R's <c>use = "complete.obs"</c> or <c>"pairwise.complete.obs"</c>.</summary>
public enum CorrelationUse
{
    /// <summary>The rows complete in every column named, for every pair.</summary>
    Complete,

    /// <summary>For each pair, the rows complete in its two columns.</summary>
    Pairwise,
}
