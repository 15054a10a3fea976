namespace Analysis.Domain.Analyses;

/// <summary>The analysis cannot be computed on this data, for a reason a person can act on.</summary>
public sealed class AnalysisNotComputableException(string message, int? n = null) : Exception(message)
{
    public int? N { get; } = n;
}
