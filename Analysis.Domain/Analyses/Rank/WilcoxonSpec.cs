namespace Analysis.Domain.Analyses.Rank;

/// <summary>
/// The Wilcoxon signed-rank test: of two numeric columns row by row (<see cref="Columns"/>, on a − b), or of one
/// column against <see cref="Mu"/> (<see cref="Column"/>, on x − mu).
/// </summary>
public sealed record WilcoxonSpec(IReadOnlyList<string>? Columns, string? Column, double Mu, bool? Exact, bool Correction) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Wilcoxon;

    public bool IsPaired => Columns is not null;

    public override IReadOnlyList<string> ColumnsUsed => Columns ?? [Column!];

    public override string Title => IsPaired
        ? $"wilcoxon paired {Columns![0]} - {Columns[1]}"
        : $"wilcoxon {Column} vs mu = {Format.Stat(Mu)}";
}
