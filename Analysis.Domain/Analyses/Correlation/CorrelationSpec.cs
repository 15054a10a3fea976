namespace Analysis.Domain.Analyses.Correlation;

public sealed record CorrelationSpec(IReadOnlyList<string> Columns, CorrelationMethod Method) : AnalysisSpec
{
    public override string Type => CorrelationType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => $"correlation ({MethodName}) of {string.Join(", ", Columns)}";

    public string MethodName => Method switch
    {
        CorrelationMethod.Spearman => "spearman",
        CorrelationMethod.Kendall => "kendall",
        _ => "pearson",
    };

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", Columns.ToArray()), ("method", MethodName));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (Columns.Count < 2)
        {
            fail("columns", $"A correlation needs at least 2 numeric columns; the dataset has {Columns.Count}.");
        }

        DataChecks.Numeric(data, Columns, "columns", fail);
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        CorrelationAnalysis.Run(this, data, cancellationToken);
}
