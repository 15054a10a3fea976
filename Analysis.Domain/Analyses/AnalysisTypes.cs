namespace Analysis.Domain.Analyses;

public static class AnalysisTypes
{
    public const string Descriptive = "descriptive";
    public const string Correlation = "correlation";
    public const string TTest = "ttest";
    public const string Anova = "anova";
    public const string Regression = "regression";
    public const string ChiSquare = "chisquare";
    public const string Levene = "levene";
    public const string MannWhitney = "mannwhitney";
    public const string Wilcoxon = "wilcoxon";
    public const string Kruskal = "kruskal";
    public const string Logistic = "logistic";
    public const string Shapiro = "shapiro";
    public const string Tukey = "tukey";
    public const string Fisher = "fisher";

    public static IReadOnlyList<string> All { get; } =
        [Descriptive, Correlation, TTest, Anova, Regression, ChiSquare, Levene, MannWhitney, Wilcoxon, Kruskal, Logistic, Shapiro, Tukey, Fisher];
}
