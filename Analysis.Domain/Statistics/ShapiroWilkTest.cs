namespace Analysis.Domain.Statistics;

/// <summary>
/// The result of the Shapiro–Wilk normality test (R: shapiro.test): the statistic W and its p-value.
/// </summary>
/// <param name="W">The statistic W, the squared correlation of the sorted values with the approximate normal scores.</param>
/// <param name="PValue">The upper-tail p-value of W under normality (Royston's normalizing transformation).</param>
public readonly record struct ShapiroWilkTest(double W, double PValue);
