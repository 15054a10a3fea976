using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Datasets;

namespace Analysis.Domain.Analyses;

/// <summary>Runs one analysis of a plan against a dataset.</summary>
public static class AnalysisEngine
{
    /// <summary>The types whose computation exists; the others are refused when a plan is submitted.</summary>
    public static IReadOnlySet<string> SupportedTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AnalysisTypes.Descriptive,
    };

    /// <summary>
    /// Computes the analysis. What the data does not allow (a constant column, too few rows) comes back as an
    /// <see cref="AnalysisErrorResult"/>; other exceptions are faults and propagate.
    /// </summary>
    public static AnalysisResult Run(AnalysisSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return spec switch
            {
                DescriptiveSpec d => DescriptiveAnalysis.Run(d, data, cancellationToken),
                _ => throw new NotSupportedException($"Analysis type '{spec.Type}' is not supported yet."),
            };
        }
        catch (AnalysisNotComputableException ex)
        {
            return new AnalysisErrorResult(spec, ex.Message, ex.N);
        }
    }
}
