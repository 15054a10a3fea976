using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Wilcoxon;

/// <summary>
/// The Wilcoxon signed-rank test: of two numeric columns row by row (<see cref="Columns"/>, on a − b), or of one
/// column against <see cref="Mu"/> (<see cref="Column"/>, on x − mu).
/// </summary>
public sealed record WilcoxonSpec(IReadOnlyList<string>? Columns, string? Column, double Mu, bool? Exact, bool Correction) : AnalysisSpec
{
    public override string Type => WilcoxonType.TypeName;

    public bool IsPaired => Columns is not null;

    public override IReadOnlyList<string> ColumnsUsed => Columns ?? [Column!];

    public override string Title => IsPaired
        ? $"wilcoxon paired {Columns![0]} - {Columns[1]}"
        : $"wilcoxon {Column} vs mu = {Format.Stat(Mu)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(
        Type, ("columns", Columns?.ToArray()), ("column", Column), ("mu", IsPaired ? null : Mu), ("correction", Correction), ("exact", Exact));

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        if (IsPaired)
        {
            DataChecks.Numeric(data, Columns!, "columns", fail);
        }
        else
        {
            DataChecks.Numeric(data, Column!, "column", fail);
        }
    }

    /// <summary>A handful of numbers; a ranking of the differences, and an exact distribution when asked.</summary>
    public override AnalysisCost Cost(DatasetSchema schema) =>
        new(AnalysisCost.Json(10), (4 * AnalysisCost.SortOf(schema.Rows)) + (Exact == true ? 5e8 : 1 << 24));

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        WilcoxonAnalysis.Run(this, data, cancellationToken);

    public override RCode? ToR() => new(
        IsPaired
            ? $"wilcox.test({RText.Column(Columns![0])}, {RText.Column(Columns[1])}, paired = TRUE, exact = {Bool(Exact)}, correct = {Bool(Correction)})"
            : $"wilcox.test({RText.Column(Column!)}, mu = {Num(Mu)}, exact = {Bool(Exact)}, correct = {Bool(Correction)})",
        [
            new("V", "res$statistic", "statistic"),
            new("p-value", "res$p.value", "pValue"),
            new("zero differences (dropped before ranking)", IsPaired ? "sum(x[[1]] - x[[2]] == 0)" : $"sum(x[[1]] - {Num(Mu)} == 0)", "zeros"),
            new("rank-biserial r and its interval (effectsize's)",
                $"local({{ n <- sum({(IsPaired ? "x[[1]] - x[[2]]" : $"x[[1]] - {Num(Mu)}")} != 0); r <- 2 * res$statistic / (n * (n + 1) / 2) - 1; " +
                "se <- sqrt((2 * n^3 + 3 * n^2 + n) / 6) / ((n^2 + n) / 2); c(r, tanh(atanh(r) + c(-1, 1) * qnorm(0.975) * se)) })",
                [new RPath("effectSizes", RPath.Each, "estimate"), new RPath("effectSizes", RPath.Each, "confidenceInterval", RPath.Each)]),
        ]);
}
