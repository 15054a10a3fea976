namespace Analysis.Domain.Analyses.Levene;

public sealed class LeveneType : IAnalysisType
{
    public const string TypeName = "levene";

    public static SpecField Center { get; } = new("center", SpecFieldKind.Text);

    public string Name => TypeName;

    public string SchemaName => "Levene";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Levene's test of equal variances across the levels of a grouping column: distances from each group's median (Brown-Forsythe, the default) or mean.",
            [SpecFields.Column, SpecFields.GroupBy], [Center], new Dictionary<string, IReadOnlyList<object>> { [Center.Name] = ["median", "mean"] }),
    ];

    public Type ResultType => typeof(LeveneResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.ColumnAndGroups(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LeveneSpec(
            entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!,
            entry.Text(Center.Name) == "mean" ? LeveneCenter.Mean : LeveneCenter.Median);
    }
}
