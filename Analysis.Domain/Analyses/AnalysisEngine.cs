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
        AnalysisResult result;
        try
        {
            result = spec.Compute(data, limits ?? EngineLimits.Default, cancellationToken);
        }
        catch (AnalysisNotComputableException ex)
        {
            result = new AnalysisErrorResult(spec.ToEntry(), spec.Title, ex.Message, ex.N);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return result with { NExcluded = spec.CountExcluded(data), R = spec.ToR()?.Call };
    }
}
