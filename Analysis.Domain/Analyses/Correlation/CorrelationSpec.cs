namespace Analysis.Domain.Analyses.Correlation;

public sealed record CorrelationSpec(IReadOnlyList<string> Columns, CorrelationMethod Method) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Correlation;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => $"correlation ({MethodName}) of {string.Join(", ", Columns)}";

    public string MethodName => Method switch
    {
        CorrelationMethod.Spearman => "spearman",
        CorrelationMethod.Kendall => "kendall",
        _ => "pearson",
    };
}
