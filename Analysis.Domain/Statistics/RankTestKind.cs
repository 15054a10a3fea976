namespace Analysis.Domain.Statistics;

/// <summary>How a rank test's p-value was computed (R: the method name of wilcox.test, "exact" or not).</summary>
public enum RankTestKind
{
    /// <summary>From the exact null distribution of the statistic (R: pwilcox, psignrank).</summary>
    Exact,

    /// <summary>From the normal approximation with the ties-corrected variance (R: pnorm).</summary>
    Normal,
}
