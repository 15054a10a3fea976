using Analysis.Domain.Analyses.Anova;
using Analysis.Domain.Analyses.ChiSquare;
using Analysis.Domain.Analyses.Correlation;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Analyses.Fisher;
using Analysis.Domain.Analyses.Levene;
using Analysis.Domain.Analyses.Logistic;
using Analysis.Domain.Analyses.Rank;
using Analysis.Domain.Analyses.Regression;
using Analysis.Domain.Analyses.Shapiro;
using Analysis.Domain.Analyses.TTest;
using Analysis.Domain.Analyses.Tukey;
using Analysis.Domain.Datasets;

namespace Analysis.Domain.Analyses;

/// <summary>Runs one analysis of a plan against a dataset.</summary>
public static class AnalysisEngine
{
    /// <summary>
    /// Computes the analysis. What the data does not allow (a constant column, too few rows) comes back as an
    /// <see cref="AnalysisErrorResult"/>; other exceptions are faults and propagate.
    /// </summary>
    public static AnalysisResult Run(AnalysisSpec spec, Dataset data, CancellationToken cancellationToken, EngineLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return spec switch
            {
                DescriptiveSpec s => DescriptiveAnalysis.Run(s, data, cancellationToken),
                CorrelationSpec s => CorrelationAnalysis.Run(s, data, cancellationToken),
                TTestSpec s => TTestAnalysis.Run(s, data, cancellationToken),
                AnovaSpec s => AnovaAnalysis.Run(s, data, cancellationToken),
                RegressionSpec s => RegressionAnalysis.Run(s, data, cancellationToken),
                ChiSquareSpec s => ChiSquareAnalysis.Run(s, data, cancellationToken),
                LeveneSpec s => LeveneAnalysis.Run(s, data, cancellationToken),
                MannWhitneySpec s => MannWhitneyAnalysis.Run(s, data, cancellationToken),
                WilcoxonSpec s => WilcoxonAnalysis.Run(s, data, cancellationToken),
                KruskalSpec s => KruskalAnalysis.Run(s, data, cancellationToken),
                LogisticSpec s => LogisticAnalysis.Run(s, data, cancellationToken),
                ShapiroSpec s => ShapiroAnalysis.Run(s, data, cancellationToken),
                TukeySpec s => TukeyAnalysis.Run(s, data, cancellationToken),
                FisherSpec s => FisherAnalysis.Run(s, data, limits ?? EngineLimits.Default, cancellationToken),
                _ => throw new ArgumentException($"Unknown analysis spec {spec.GetType().Name}.", nameof(spec)),
            };
        }
        catch (AnalysisNotComputableException ex)
        {
            return new AnalysisErrorResult(spec, ex.Message, ex.N);
        }
    }
}
