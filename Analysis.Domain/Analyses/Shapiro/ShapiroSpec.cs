using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Shapiro;

/// <summary>The Shapiro–Wilk test of normality of each named column, on its own non-missing values.</summary>
public sealed record ShapiroSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => ShapiroType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    /// <summary>Each column is read on its own non-missing values (its own count and missing): no row is left out.</summary>
    public override int CountExcluded(Dataset data) => 0;

    public override string Title => $"shapiro {string.Join(", ", Columns)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", Columns.ToArray()));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.SomeNumeric(data, Columns, "test", fail);

    /// <summary>Three numbers a column; a sort of at most 5,000 values and their normal scores each.</summary>
    public override AnalysisCost Cost(DatasetSchema schema) =>
        new(AnalysisCost.Json(3.0 * Columns.Count, Columns), Columns.Count * ((2.0 * schema.Rows) + (40 * AnalysisCost.SortOf(Math.Min(schema.Rows, 5000)))));

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        ShapiroAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR() => new(
        $"lapply(d[{Strs(Columns)}], function(v) tryCatch(shapiro.test(v), error = function(e) NULL))",
        [
            .. Columns.Select(c => new RCheck(
                $"{c}: W and p-value", $"c(res[[{Str(c)}]]$statistic, res[[{Str(c)}]]$p.value)",
                [new RPath("columns", c, "statistic"), new RPath("columns", c, "pValue")])),
        ]);
}
