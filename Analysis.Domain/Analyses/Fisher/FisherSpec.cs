using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Fisher;

/// <summary>Fisher's exact test of independence of two grouping columns (the odds ratio and its interval for a 2×2 table).</summary>
public sealed record FisherSpec(string RowVariable, string ColumnVariable, double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => FisherType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override IReadOnlyList<string> GroupingColumns => ColumnsUsed;

    public override string Title => $"fisher {RowVariable} by {ColumnVariable}";

    public override PlanEntry ToEntry() =>
        PlanEntry.Of(Type, ("columns", new[] { RowVariable, ColumnVariable }), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        DataChecks.Levels(data, RowVariable, "columns[0]", fail);
        DataChecks.Levels(data, ColumnVariable, "columns[1]", fail);
    }

    /// <summary>The table; a count, then the exact test within Analysis:FisherMaxWork (about 100 ns a unit).</summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double r = AnalysisCost.LevelsAtMost(schema, RowVariable), c = AnalysisCost.LevelsAtMost(schema, ColumnVariable);
        return new(AnalysisCost.Json((r * c) + 10, r + c), (2.0 * schema.Rows) + (r * c) + (100.0 * EngineLimits.DefaultFisherMaxWork));
    }

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        FisherAnalysis.Run(this, data, limits, cancellationToken);

    public override RCode? ToR() => new(
        $"fisher.test(table(na.omit(d[{Strs([RowVariable, ColumnVariable])}])), conf.level = {Num(ConfidenceLevel)})",
        [
            new("p-value", "res$p.value", "pValue"),
            new("observed", "t(table(x))", [new RPath("observed", RPath.Each, RPath.Each)]),
            new RCheck("odds ratio and its interval", "c(res$estimate, res$conf.int)", [new RPath("oddsRatio"), new RPath("confidenceInterval", RPath.Each)],
                Tolerance: 1e-4, Reason: "R solves the conditional MLE and its interval with uniroot's default tolerance (about 1e-4); the service solves them to full precision"),
        ]);
}
