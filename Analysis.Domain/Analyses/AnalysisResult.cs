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

    /// <summary>
    /// Rows left out for a missing value in the columns the analysis used (<see cref="AnalysisSpec.CountExcluded"/>),
    /// set by <see cref="AnalysisEngine"/>; next to the rows used (<c>n</c>), what a report of the analysis needs.
    /// </summary>
    public int? NExcluded { get; init; }

    /// <summary>
    /// The base-R statement that computes the same numbers from a data frame <c>d</c> read from the dataset's CSV
    /// (<see cref="AnalysisSpec.ToR"/>), set by <see cref="AnalysisEngine"/>.
    /// </summary>
    public string? R { get; init; }

    /// <summary>
    /// The result as one APA-style sentence for a report (<c>t(17.78) = −1.86, p = .079, d = −0.83</c>; <see cref="Apa"/>);
    /// a type that has none gives its highlight.
    /// </summary>
    public virtual string ApaSentence => Highlight;

    /// <summary>One line for the session summary, e.g. <c>ttest extra by group: t = -1.861, df = 17.78, p = 0.0794</c>.</summary>
    public abstract string Highlight { get; }
}
