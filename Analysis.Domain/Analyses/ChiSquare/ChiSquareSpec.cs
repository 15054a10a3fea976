using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.ChiSquare;

public sealed record ChiSquareSpec(string RowVariable, string ColumnVariable, bool Correction) : AnalysisSpec
{
    public override string Type => ChiSquareType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override IReadOnlyList<string> GroupingColumns => ColumnsUsed;

    public override string Title => $"chisquare {RowVariable} by {ColumnVariable}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", new[] { RowVariable, ColumnVariable }), ("correction", Correction));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Levels(data, RowVariable, "columns[0]", fail);
        DataChecks.Levels(data, ColumnVariable, "columns[1]", fail);
    }

    /// <summary>The observed and expected tables; one pass to count.</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double r = AnalysisCost.LevelsAtMost(schema, RowVariable), c = AnalysisCost.LevelsAtMost(schema, ColumnVariable);
        return new(AnalysisCost.Json((2 * r * c) + 5, r + c), (2.0 * schema.Rows) + (r * c));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        ChiSquareAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR() => new(
        $"chisq.test(table(na.omit(d[{Strs([RowVariable, ColumnVariable])}])), correct = {Bool(Correction)})",
        [
            new("X-squared", "res$statistic", "statistic"),
            new("df", "res$parameter", "df"),
            new("p-value", "res$p.value", "pValue"),
            new("observed", "t(res$observed)", [new RPath("observed", RPath.Each, RPath.Each)]),
            new("expected", "t(res$expected)", [new RPath("expected", RPath.Each, RPath.Each)]),
        ]);
}
