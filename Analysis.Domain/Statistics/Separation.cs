namespace Analysis.Domain.Statistics;

/// <summary>
/// Whether the data of a logistic fit (R: <c>glm(..., family = binomial)</c>) are separated, so that the maximum
/// likelihood estimate does not exist and IRLS drives some coefficients towards ±∞ (large estimates with huge
/// standard errors). Decided by verifying a separating direction on the data, not by R's warning "glm.fit: fitted
/// probabilities numerically 0 or 1 occurred", which also fires for finite fits with an extreme observation and
/// is silent for many quasi-separated ones.
/// </summary>
public enum Separation
{
    /// <summary>No separating direction was found.</summary>
    None,

    /// <summary>
    /// Quasi-complete separation: a direction b with xᵢ·b ≥ 0 for every y = 1 and ≤ 0 for every y = 0, strictly for
    /// some observations (whose fitted probabilities go to 0 or 1) but not all — e.g. a factor level with one outcome only.
    /// </summary>
    Quasi,

    /// <summary>
    /// Complete separation: the fitted linear predictor is positive for every y = 1 and negative for every y = 0,
    /// so the fitted probabilities reproduce y and the deviance goes to 0.
    /// </summary>
    Complete,
}
