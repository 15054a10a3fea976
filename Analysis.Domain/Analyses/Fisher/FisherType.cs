namespace Analysis.Domain.Analyses.Fisher;

public sealed class FisherType : IAnalysisType
{
    public const string TypeName = "fisher";

    public string Name => TypeName;

    public string SchemaName => "Fisher";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Fisher's exact test of independence of two grouping columns; for a 2x2 table also the conditional maximum-likelihood odds ratio and its interval.",
            [SpecFields.Columns], [SpecFields.ConfidenceLevel]),
    ];

    public Type ResultType => typeof(FisherResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        FieldChecks.RowAndColumnVariables(entry, fail);
        FieldChecks.ConfidenceLevel(entry, fail);
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var columns = entry.Names(SpecFields.Columns.Name)!;
        return new FisherSpec(columns[0], columns[1], entry.Number(SpecFields.ConfidenceLevel.Name) ?? SpecFields.DefaultConfidenceLevel);
    }
}
