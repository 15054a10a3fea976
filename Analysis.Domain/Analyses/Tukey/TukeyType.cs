namespace Analysis.Domain.Analyses.Tukey;

public sealed class TukeyType : IAnalysisType
{
    public const string TypeName = "tukey";

    public string Name => TypeName;

    public string SchemaName => "Tukey";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Tukey's honest significant differences (Tukey-Kramer) between every pair of levels of a grouping column.",
            [SpecFields.Column, SpecFields.GroupBy], [SpecFields.ConfidenceLevel]),
    ];

    public Type ResultType => typeof(TukeyResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        FieldChecks.ColumnAndGroups(entry, fail);
        FieldChecks.ConfidenceLevel(entry, fail);
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TukeySpec(
            entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!,
            entry.Number(SpecFields.ConfidenceLevel.Name) ?? SpecFields.DefaultConfidenceLevel);
    }
}
