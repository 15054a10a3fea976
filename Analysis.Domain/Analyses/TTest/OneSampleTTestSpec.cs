namespace Analysis.Domain.Analyses.TTest;

public sealed record OneSampleTTestSpec(string Column, double Mu, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column];

    public override string Title =>
        $"ttest {Column} vs mu = {Format.Significant(Mu, 6)}";
}
