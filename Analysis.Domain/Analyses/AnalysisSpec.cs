namespace Analysis.Domain.Analyses;

/// <summary>
/// One entry of a session's plan: what to compute, on which columns. Immutable. Each type's spec checks its columns
/// against the data, computes itself, and writes itself back as the plan entry it was built from
/// (<see cref="IAnalysisType.Build"/> makes it from that entry).
/// </summary>
public abstract record AnalysisSpec
{
    /// <summary>The wire name of the analysis type (<c>descriptive</c>, <c>ttest</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>Every column the analysis reads; rows missing any of them are dropped (listwise).</summary>
    public abstract IReadOnlyList<string> ColumnsUsed { get; }

    /// <summary>
    /// The columns the analysis groups by (a <c>groupBy</c>, a table's two variables, a binary outcome): their checks
    /// need the columns' values (their levels), where the other columns' need only their types.
    /// </summary>
    public virtual IReadOnlyList<string> GroupingColumns => [];

    /// <summary>Short human title, the prefix of the session highlight (e.g. <c>ttest extra by group</c>).</summary>
    public abstract string Title { get; }

    /// <summary>The normalised plan entry: every field, defaults included, as the API shows the plan.</summary>
    public abstract PlanEntry ToEntry();

    /// <summary>
    /// The spec against the dataset it will run on: every column exists and has the type its role needs, grouping
    /// columns have a usable number of levels, named groups exist. Problems by field (<c>groupBy</c>, <c>columns[1]</c>).
    /// </summary>
    public abstract void CheckData(Dataset data, Action<string, string> fail);

    /// <summary>
    /// What the analysis will take on data of this schema, before it runs: the most its result can take and its work
    /// (see <see cref="AnalysisCost"/>). Known from counts alone, so a worker can reserve the results' memory before it
    /// loads the data.
    /// </summary>
    public abstract AnalysisCost Cost(DatasetSchema schema);

    /// <summary>
    /// The rows left out for a missing value (a result's <c>nExcluded</c>): by default every row missing a value in
    /// <see cref="ColumnsUsed"/>. An analysis that reads each column on its own values drops no row, and says 0.
    /// </summary>
    public virtual int CountExcluded(Dataset data) => ExcludedRows.Count(data, ColumnsUsed);

    /// <summary>
    /// The analysis in base R: the call a result carries as <c>r</c>, and the checks of the session's R script
    /// (<see cref="RCode"/>); null for a type base R cannot compute (every built-in type can: a test holds them to it).
    /// </summary>
    public virtual RCode? ToR() => null;

    /// <summary>What to do instead when the analysis is more work than a run may take, for the error that refuses it.</summary>
    public virtual string CheaperAlternative => "name fewer columns, or send fewer rows";

    /// <summary>
    /// The computation. What the data does not allow throws <see cref="AnalysisNotComputableException"/>; call it
    /// through <see cref="AnalysisEngine.Run"/>, which turns that into an <see cref="AnalysisErrorResult"/>.
    /// </summary>
    protected internal abstract AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken);
}
