namespace Analysis.Domain.Analyses.Wilcoxon;

public sealed class WilcoxonType : IAnalysisType
{
    public const string TypeName = "wilcoxon";

    public string Name => TypeName;

    public string SchemaName => "Wilcoxon";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Wilcoxon signed-rank test of two numeric columns row by row (on a - b); zero differences are dropped as R drops them.",
            [SpecFields.Columns], [SpecFields.Exact, SpecFields.Correction]),
        new("Wilcoxon signed-rank test of a numeric column against mu (default 0).",
            [SpecFields.Column], [SpecFields.Mu, SpecFields.Exact, SpecFields.Correction]),
    ];

    public Type ResultType => typeof(WilcoxonResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        var (columns, column) = (entry.Names(SpecFields.Columns.Name), entry.Text(SpecFields.Column.Name));
        if (columns is null && column is null)
        {
            fail(SpecFields.Column.Name, "Required: \"column\" (against mu), or \"columns\": [a, b] for pairs.");
        }
        else if (columns is not null && column is not null)
        {
            fail(SpecFields.Columns.Name, "Give \"columns\": [a, b] for pairs or \"column\" against mu, not both.");
        }

        if (columns is { Count: not 2 })
        {
            fail(SpecFields.Columns.Name, "A paired test compares exactly two columns: [a, b].");
        }

        if (columns is not null)
        {
            FieldChecks.Absent(entry, SpecFields.Mu, "A paired test does not take \"mu\".", fail);
        }
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var columns = entry.Names(SpecFields.Columns.Name);
        return new WilcoxonSpec(
            columns, columns is null ? entry.Text(SpecFields.Column.Name) : null, columns is null ? entry.Number(SpecFields.Mu.Name) ?? 0 : 0,
            entry.Flag(SpecFields.Exact.Name), entry.Flag(SpecFields.Correction.Name) ?? true);
    }
}
