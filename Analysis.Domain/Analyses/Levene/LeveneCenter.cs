namespace Analysis.Domain.Analyses.Levene;

/// <summary>The centre each group's absolute deviations are taken from: the median (Brown–Forsythe) or the mean (Levene's original).</summary>
public enum LeveneCenter
{
    Median,
    Mean,
}
