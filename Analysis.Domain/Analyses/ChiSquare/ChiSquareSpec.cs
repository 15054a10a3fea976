namespace Analysis.Domain.Analyses.ChiSquare;

public sealed record ChiSquareSpec(string RowVariable, string ColumnVariable, bool Correction) : AnalysisSpec
{
    public override string Type => AnalysisTypes.ChiSquare;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override string Title => $"chisquare {RowVariable} by {ColumnVariable}";
}
