namespace Analysis.Domain.Analyses.TTest;

public sealed record OneSampleTTestSpec(string Column, double Mu, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column];

    public override string Title =>
        $"ttest {Column} vs mu = {Format.Significant(Mu, 6)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("mu", Mu), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.Numeric(data, Column, "column", fail);
}
