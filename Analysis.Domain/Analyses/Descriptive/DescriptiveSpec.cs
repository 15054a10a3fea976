using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Descriptive;

public sealed record DescriptiveSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => DescriptiveType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    /// <summary>Each column is read on its own non-missing values (its own count and missing): no row is left out.</summary>
    public override int CountExcluded(Dataset data) => 0;

    public override string Title => Columns.Count <= 3
        ? $"descriptive {string.Join(", ", Columns)}"
        : $"descriptive of {Columns.Count} columns";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("columns", Columns.ToArray()));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.SomeNumeric(data, Columns, "describe", fail);

    /// <summary>Nine numbers a column; a sort of each (its quartiles).</summary>
    public override AnalysisCost Cost(DatasetSchema schema) =>
        new(AnalysisCost.Json(9.0 * Columns.Count, Columns), 2 * Columns.Count * AnalysisCost.SortOf(schema.Rows));

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        DescriptiveAnalysis.Run(this, data, cancellationToken);

    /// <summary>A column summary's numbers, in the order the R call gives them.</summary>
    private static readonly string[] SummaryFields = ["count", "missing", "mean", "std", "min", "q1", "median", "q3", "max"];

    public override RCode? ToR() => new(
        $"sapply(d[{Strs(Columns)}], function(v) c(count = sum(!is.na(v)), missing = sum(is.na(v)), mean = mean(v, na.rm = TRUE), " +
        "std = sd(v, na.rm = TRUE), quantile(v, c(0, 0.25, 0.5, 0.75, 1), na.rm = TRUE, names = FALSE)))",
        [
            .. Columns.Select(c => new RCheck(
                $"{c}: count, missing, mean, SD, min, quartiles, max", $"res[, {Str(c)}]",
                [.. SummaryFields.Select(f => new RPath("columns", c, f))])),
        ]);
}
