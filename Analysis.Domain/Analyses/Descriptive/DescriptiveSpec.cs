namespace Analysis.Domain.Analyses.Descriptive;

public sealed record DescriptiveSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Descriptive;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => Columns.Count <= 3
        ? $"descriptive {string.Join(", ", Columns)}"
        : $"descriptive of {Columns.Count} columns";
}
