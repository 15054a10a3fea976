namespace Analysis.Domain.Analyses.Fisher;

/// <summary>Fisher's exact test of independence of two grouping columns (the odds ratio and its interval for a 2×2 table).</summary>
public sealed record FisherSpec(string RowVariable, string ColumnVariable, double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => FisherType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override string Title => $"fisher {RowVariable} by {ColumnVariable}";

    public override PlanEntry ToEntry() =>
        PlanEntry.Of(Type, ("columns", new[] { RowVariable, ColumnVariable }), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Levels(data, RowVariable, "columns[0]", fail);
        DataChecks.Levels(data, ColumnVariable, "columns[1]", fail);
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        FisherAnalysis.Run(this, data, limits, cancellationToken);
}
