namespace Analysis.Domain.Analyses;

/// <summary>An analysis that could not be computed; the session still completes.</summary>
public sealed record AnalysisErrorResult(AnalysisSpec Spec, string Error, int? N) : AnalysisResult
{
    public override string Type => Spec.Type;

    public override string Highlight => $"{Spec.Title}: error: {Error}";
}
