namespace Analysis.Domain.Analyses.Anova;

public sealed class AnovaType : IAnalysisType
{
    public const string TypeName = "anova";

    public string Name => TypeName;

    public string SchemaName => "Anova";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("One-way ANOVA of a numeric column across the levels of a grouping column; checks adds Shapiro-Wilk on the residuals and Levene (median).",
            [SpecFields.Column, SpecFields.GroupBy], [SpecFields.Checks]),
    ];

    public Type ResultType => typeof(AnovaResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.ColumnAndGroups(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AnovaSpec(entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!, entry.Flag(SpecFields.Checks.Name) ?? false);
    }
}
