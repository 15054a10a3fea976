namespace Analysis.Domain.Analyses.Shapiro;

public sealed class ShapiroType : IAnalysisType
{
    public const string TypeName = "shapiro";

    public string Name => TypeName;

    public string SchemaName => "Shapiro";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Shapiro-Wilk test of normality of each column on its own values, 3 to 5000 of them (default: every numeric column).", [], [SpecFields.Columns]),
    ];

    public Type ResultType => typeof(ShapiroResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.SomeColumns(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(schema);
        return new ShapiroSpec(entry.Names(SpecFields.Columns.Name) ?? [.. schema.NumericColumnNames]);
    }
}
