namespace Analysis.Domain.Analyses.Descriptive;

public sealed class DescriptiveType : IAnalysisType
{
    public const string TypeName = "descriptive";

    public string Name => TypeName;

    public string SchemaName => "Descriptive";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Summary statistics of each column (default: every numeric column).", [], [SpecFields.Columns]),
    ];

    public Type ResultType => typeof(DescriptiveResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.SomeColumns(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(schema);
        return new DescriptiveSpec(entry.Names(SpecFields.Columns.Name) ?? [.. schema.NumericColumnNames]);
    }
}
