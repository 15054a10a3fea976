using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.TTest;

public sealed record OneSampleTTestSpec(string Column, double Mu, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column];

    public override string Title =>
        $"ttest {Column} vs mu = {Format.Significant(Mu, 6)}";

    public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("mu", Mu), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.Numeric(data, Column, "column", fail);

    public override RCode? ToR() => new(
        $"t.test({RText.Column(Column)}, mu = {Num(Mu)}, conf.level = {Num(ConfidenceLevel)})",
        [
            .. TTestSpec.Checks("res$estimate"),
            new("Cohen's d", $"with(x, (mean({Name(Column)}) - {Num(Mu)}) / sd({Name(Column)}))", "cohensD"),
            .. EffectSizeChecks($"v <- x[[{Str(Column)}]]; df <- length(v) - 1; s <- sd(v); hn <- 1 / length(v); dif <- mean(v) - {Num(Mu)}"),
        ]);
}
