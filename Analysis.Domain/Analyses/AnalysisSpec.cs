namespace Analysis.Domain.Analyses;

/// <summary>One entry of a session's plan: what to compute, on which columns. Immutable.</summary>
public abstract record AnalysisSpec
{
    /// <summary>The wire name of the analysis type (<c>descriptive</c>, <c>ttest</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>Every column the analysis reads; rows missing any of them are dropped (listwise).</summary>
    public abstract IReadOnlyList<string> ColumnsUsed { get; }

    /// <summary>Short human title, the prefix of the session highlight (e.g. <c>ttest extra by group</c>).</summary>
    public abstract string Title { get; }
}
