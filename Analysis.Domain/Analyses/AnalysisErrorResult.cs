namespace Analysis.Domain.Analyses;

/// <summary>
/// An analysis that could not be computed; the session still completes. It echoes the plan entry (what was asked)
/// and says why in <see cref="Error"/>.
/// </summary>
public sealed record AnalysisErrorResult(PlanEntry Entry, string Title, string Error, int? N) : AnalysisResult
{
    public override string Type => Entry.Type ?? string.Empty;

    public override string Highlight => $"{Title}: error: {Error}";

    public override string ApaSentence => $"Not computed: {Error}";
}
