namespace Analysis.Domain.Analyses;

/// <summary>
/// The outcome of one analysis in a plan. Concrete results carry numbers; <see cref="AnalysisErrorResult"/>
/// says why none could be computed. Non-finite numbers are allowed here and explained in <see cref="Warnings"/>;
/// the serializer writes them as null.
/// </summary>
public abstract record AnalysisResult
{
    public abstract string Type { get; }

    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>One line for the session summary, e.g. <c>ttest extra by group: t = -1.861, df = 17.78, p = 0.0794</c>.</summary>
    public abstract string Highlight { get; }
}

/// <summary>An analysis that could not be computed; the session still completes.</summary>
public sealed record AnalysisErrorResult(AnalysisSpec Spec, string Error, int? N) : AnalysisResult
{
    public override string Type => Spec.Type;

    public override string Highlight => $"{Spec.Title}: error: {Error}";
}

/// <summary>The analysis cannot be computed on this data, for a reason a person can act on.</summary>
public sealed class AnalysisNotComputableException(string message, int? n = null) : Exception(message)
{
    public int? N { get; } = n;
}
