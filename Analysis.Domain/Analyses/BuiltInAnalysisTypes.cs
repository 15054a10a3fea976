using Analysis.Domain.Analyses.Anova;
using Analysis.Domain.Analyses.ChiSquare;
using Analysis.Domain.Analyses.Correlation;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Analyses.Fisher;
using Analysis.Domain.Analyses.Kruskal;
using Analysis.Domain.Analyses.Levene;
using Analysis.Domain.Analyses.Logistic;
using Analysis.Domain.Analyses.MannWhitney;
using Analysis.Domain.Analyses.Pairwise;
using Analysis.Domain.Analyses.Regression;
using Analysis.Domain.Analyses.Shapiro;
using Analysis.Domain.Analyses.TTest;
using Analysis.Domain.Analyses.Tukey;
using Analysis.Domain.Analyses.Wilcoxon;

namespace Analysis.Domain.Analyses;

/// <summary>
/// The analysis types the service ships with, in the order the API lists them: a new type is its folder under
/// <c>Analyses/</c> and one line here.
/// </summary>
public static class BuiltInAnalysisTypes
{
    public static IReadOnlyList<IAnalysisType> All { get; } =
    [
        new DescriptiveType(), new CorrelationType(), new TTestType(), new AnovaType(), new RegressionType(), new ChiSquareType(),
        new LeveneType(), new MannWhitneyType(), new WilcoxonType(), new KruskalType(), new LogisticType(), new ShapiroType(),
        new TukeyType(), new FisherType(), new PairwiseType(),
    ];
}
