namespace Analysis.Domain.Analyses.ChiSquare;

public sealed class ChiSquareType : IAnalysisType
{
    public const string TypeName = "chisquare";

    public string Name => TypeName;

    public string SchemaName => "ChiSquare";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Chi-square test of independence of two categorical columns (Yates' correction for 2x2 unless correction is false).",
            [SpecFields.Columns], [SpecFields.Correction]),
    ];

    public Type ResultType => typeof(ChiSquareResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.RowAndColumnVariables(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var columns = entry.Names(SpecFields.Columns.Name)!;
        return new ChiSquareSpec(columns[0], columns[1], entry.Flag(SpecFields.Correction.Name) ?? true);
    }
}
