namespace Analysis.Domain.Analyses.Fisher;

/// <summary>Fisher's exact test of independence of two grouping columns (the odds ratio and its interval for a 2×2 table).</summary>
public sealed record FisherSpec(string RowVariable, string ColumnVariable, double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Fisher;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override string Title => $"fisher {RowVariable} by {ColumnVariable}";
}
