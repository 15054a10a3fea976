namespace Analysis.Domain.Analyses.Correlation;

public sealed class CorrelationType : IAnalysisType
{
    public const string TypeName = "correlation";

    public static SpecField Method { get; } = new("method", SpecFieldKind.Text);

    public static SpecField Use { get; } = new("use", SpecFieldKind.Text);

    public string Name => TypeName;

    public string SchemaName => "Correlation";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Pearson, Spearman or Kendall (tau-b) correlation matrix of two or more numeric columns (default: all numeric); " +
            "pAdjust corrects the pairs' p-values as one family, as R's p.adjust (default none); use \"pairwise\" takes each pair's own complete rows " +
            "(R's pairwise.complete.obs; the result adds nMatrix), \"complete\" (the default) the rows complete in every column.",
            [], [SpecFields.Columns, Method, SpecFields.PAdjust, Use],
            new Dictionary<string, IReadOnlyList<object>>
            {
                [Method.Name] = ["pearson", "spearman", "kendall"],
                [Use.Name] = ["complete", "pairwise"],
                [SpecFields.PAdjust.Name] = [.. Statistics.PAdjust.Names],
            }),
    ];

    public Type ResultType => typeof(CorrelationResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Names(SpecFields.Columns.Name) is { Count: < 2 })
        {
            fail(SpecFields.Columns.Name, "A correlation needs at least 2 columns.");
        }
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(schema);
        return new CorrelationSpec(
            entry.Names(SpecFields.Columns.Name) ?? [.. schema.NumericColumnNames],
            entry.Text(Method.Name) switch { "spearman" => CorrelationMethod.Spearman, "kendall" => CorrelationMethod.Kendall, _ => CorrelationMethod.Pearson },
            Statistics.PAdjust.Parse(entry.Text(SpecFields.PAdjust.Name)),
            entry.Text(Use.Name) == "pairwise" ? CorrelationUse.Pairwise : CorrelationUse.Complete);
    }
}
