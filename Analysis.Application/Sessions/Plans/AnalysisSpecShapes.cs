using Analysis.Domain.Analyses;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// Every form of spec the API takes (API.md, "Analysis specs and results"). A <c>ttest</c> has three: two-sample
/// (<c>groupBy</c>), one-sample (<c>mu</c>) and paired (<c>paired: true</c>). Field names as on the wire.
/// </summary>
public static class AnalysisSpecShapes
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<object>> None = new Dictionary<string, IReadOnlyList<object>>();

    public static IReadOnlyList<AnalysisSpecShape> All { get; } =
    [
        new("DescriptiveSpec", AnalysisTypes.Descriptive,
            "Summary statistics of each column (default: every numeric column).",
            [], ["columns"], None),
        new("CorrelationSpec", AnalysisTypes.Correlation,
            "Pearson, Spearman or Kendall (tau-b) correlation matrix of two or more numeric columns (default: all numeric).",
            [], ["columns", "method"], new Dictionary<string, IReadOnlyList<object>> { ["method"] = ["pearson", "spearman", "kendall"] }),
        new("TwoSampleTTestSpec", AnalysisTypes.TTest,
            "Two-sample t-test of a numeric column between two levels of a grouping column (Welch unless equalVariance).",
            ["column", "groupBy"], ["groups", "equalVariance", "paired", "confidenceLevel"],
            new Dictionary<string, IReadOnlyList<object>> { ["paired"] = [false] }),
        new("OneSampleTTestSpec", AnalysisTypes.TTest,
            "One-sample t-test of a numeric column's mean against mu (default 0).",
            ["column"], ["mu", "paired", "confidenceLevel"],
            new Dictionary<string, IReadOnlyList<object>> { ["paired"] = [false] }),
        new("PairedTTestSpec", AnalysisTypes.TTest,
            "Paired t-test of two numeric columns, row by row.",
            ["columns", "paired"], ["confidenceLevel"],
            new Dictionary<string, IReadOnlyList<object>> { ["paired"] = [true] }),
        new("AnovaSpec", AnalysisTypes.Anova,
            "One-way ANOVA of a numeric column across the levels of a grouping column.",
            ["column", "groupBy"], [], None),
        new("RegressionSpec", AnalysisTypes.Regression,
            "Ordinary least squares of a numeric dependent column on numeric and categorical independents (treatment coding, the first level the reference), with an intercept.",
            ["dependent", "independents"], [], None),
        new("ChiSquareSpec", AnalysisTypes.ChiSquare,
            "Chi-square test of independence of two categorical columns (Yates' correction for 2x2 unless correction is false).",
            ["columns"], ["correction"], None),
        new("LeveneSpec", AnalysisTypes.Levene,
            "Levene's test of equal variances across the levels of a grouping column: distances from each group's median (Brown-Forsythe, the default) or mean.",
            ["column", "groupBy"], ["center"], new Dictionary<string, IReadOnlyList<object>> { ["center"] = ["median", "mean"] }),
        new("MannWhitneySpec", AnalysisTypes.MannWhitney,
            "Wilcoxon rank-sum (Mann-Whitney) test of a numeric column between two levels of a grouping column; exact as R by default (both groups under 50 values, no ties).",
            ["column", "groupBy"], ["groups", "exact", "correction"], None),
        new("PairedWilcoxonSpec", AnalysisTypes.Wilcoxon,
            "Wilcoxon signed-rank test of two numeric columns row by row (on a - b); zero differences are dropped as R drops them.",
            ["columns"], ["exact", "correction"], None),
        new("OneSampleWilcoxonSpec", AnalysisTypes.Wilcoxon,
            "Wilcoxon signed-rank test of a numeric column against mu (default 0).",
            ["column"], ["mu", "exact", "correction"], None),
        new("LogisticSpec", AnalysisTypes.Logistic,
            "Logistic regression (binomial GLM, logit link) of a two-valued dependent column (the second level in level order is the event) on numeric and categorical independents.",
            ["dependent", "independents"], [], None),
        new("FisherSpec", AnalysisTypes.Fisher,
            "Fisher's exact test of independence of two grouping columns; for a 2x2 table also the conditional maximum-likelihood odds ratio and its interval.",
            ["columns"], ["confidenceLevel"], None),
        new("ShapiroSpec", AnalysisTypes.Shapiro,
            "Shapiro-Wilk test of normality of each column on its own values, 3 to 5000 of them (default: every numeric column).",
            [], ["columns"], None),
        new("TukeySpec", AnalysisTypes.Tukey,
            "Tukey's honest significant differences (Tukey-Kramer) between every pair of levels of a grouping column.",
            ["column", "groupBy"], ["confidenceLevel"], None),
        new("KruskalSpec", AnalysisTypes.Kruskal,
            "Kruskal-Wallis rank-sum test of a numeric column across the levels of a grouping column.",
            ["column", "groupBy"], [], None),
    ];

    /// <summary>The fields each type takes, over all its forms.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FieldsByType { get; } = All
        .GroupBy(s => s.Type, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(s => s.Fields).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
