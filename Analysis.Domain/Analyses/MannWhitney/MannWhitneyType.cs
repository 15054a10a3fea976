namespace Analysis.Domain.Analyses.MannWhitney;

public sealed class MannWhitneyType : IAnalysisType
{
    public const string TypeName = "mannwhitney";

    public string Name => TypeName;

    public string SchemaName => "MannWhitney";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Wilcoxon rank-sum (Mann-Whitney) test of a numeric column between two levels of a grouping column; exact as R by default (both groups under 50 values, no ties).",
            [SpecFields.Column, SpecFields.GroupBy], [SpecFields.Groups, SpecFields.Exact, SpecFields.Correction]),
    ];

    public Type ResultType => typeof(MannWhitneyResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        FieldChecks.ColumnAndGroups(entry, fail);
        FieldChecks.TwoLevels(entry, fail);
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(entry);
        return new MannWhitneySpec(
            entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!, entry.Names(SpecFields.Groups.Name),
            entry.Flag(SpecFields.Exact.Name), entry.Flag(SpecFields.Correction.Name) ?? true)
        {
            NumericGroupBy = schema.Columns.Any(c => c.Name == entry.Text(SpecFields.GroupBy.Name) && c.Type == ColumnType.Numeric),
        };
    }
}
