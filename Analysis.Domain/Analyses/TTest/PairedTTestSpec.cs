namespace Analysis.Domain.Analyses.TTest;

public sealed record PairedTTestSpec(string First, string Second, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [First, Second];

    public override string Title => $"ttest paired {First} - {Second}";
}
