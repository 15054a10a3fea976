namespace Analysis.Domain.Analyses.Kruskal;

public sealed class KruskalType : IAnalysisType
{
    public const string TypeName = "kruskal";

    public string Name => TypeName;

    public string SchemaName => "Kruskal";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Kruskal-Wallis rank-sum test of a numeric column across the levels of a grouping column.", [SpecFields.Column, SpecFields.GroupBy], []),
    ];

    public Type ResultType => typeof(KruskalResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.ColumnAndGroups(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new KruskalSpec(entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!);
    }
}
