namespace Analysis.Domain.Analyses.Pairwise;

public sealed class PairwiseType : IAnalysisType
{
    public const string TypeName = "pairwise";

    public static SpecField Test { get; } = new("test", SpecFieldKind.Text);

    public static SpecField PooledSd { get; } = new("pooledSd", SpecFieldKind.Flag);

    public string Name => TypeName;

    public string SchemaName => "Pairwise";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("t-tests (pooled SD by default, as R's pairwise.t.test) or Wilcoxon tests (as R's pairwise.wilcox.test) between every pair " +
            "of levels of a grouping column, paired or not, the p-values corrected as one family (pAdjust, default holm).",
            [SpecFields.Column, SpecFields.GroupBy], [Test, PooledSd, SpecFields.Paired, SpecFields.PAdjust],
            new Dictionary<string, IReadOnlyList<object>>
            {
                [Test.Name] = ["t", "wilcoxon"],
                [SpecFields.PAdjust.Name] = [.. Statistics.PAdjust.Names],
            }),
    ];

    public Type ResultType => typeof(PairwiseResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        FieldChecks.ColumnAndGroups(entry, fail);
        if (entry.Flag(PooledSd.Name) is { } pooled)
        {
            if (entry.Text(Test.Name) == "wilcoxon")
            {
                fail(PooledSd.Name, "Applies to the t-test only (test \"t\"): Wilcoxon tests pool nothing.");
            }
            else if (pooled && entry.Flag(SpecFields.Paired.Name) == true)
            {
                fail(PooledSd.Name, "A pooled SD cannot go with paired tests (as R's pairwise.t.test refuses it): leave it out or set it to false.");
            }
        }
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(schema);
        var wilcoxon = entry.Text(Test.Name) == "wilcoxon";
        var paired = entry.Flag(SpecFields.Paired.Name) ?? false;
        return new PairwiseSpec(
            entry.Text(SpecFields.Column.Name)!, entry.Text(SpecFields.GroupBy.Name)!, wilcoxon ? PairwiseTest.Wilcoxon : PairwiseTest.T,
            !wilcoxon && (entry.Flag(PooledSd.Name) ?? !paired), paired,
            entry.Has(SpecFields.PAdjust.Name) ? Statistics.PAdjust.Parse(entry.Text(SpecFields.PAdjust.Name)) : PAdjustMethod.Holm);
    }
}
