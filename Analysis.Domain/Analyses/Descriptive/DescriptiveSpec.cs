namespace Analysis.Domain.Analyses.Descriptive;

public sealed record DescriptiveSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => DescriptiveType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => Columns.Count <= 3
        ? $"descriptive {string.Join(", ", Columns)}"
        : $"descriptive of {Columns.Count} columns";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", Columns.ToArray()));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.SomeNumeric(data, Columns, "describe", fail);

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        DescriptiveAnalysis.Run(this, data, cancellationToken);
}
