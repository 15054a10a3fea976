using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.TTest;

public sealed record PairedTTestSpec(string First, string Second, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [First, Second];

    public override string Title => $"ttest paired {First} - {Second}";

    public override PlanEntry ToEntry() =>
        PlanEntry.Of(Type, ("columns", new[] { First, Second }), ("paired", true), ("confidenceLevel", ConfidenceLevel));

    public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.Numeric(data, [First, Second], "columns", fail);

    public override RCode? ToR() => new(
        $"t.test({Column(First)}, {Column(Second)}, paired = TRUE, conf.level = {Num(ConfidenceLevel)})",
        [
            .. TTestSpec.Checks("res$estimate"),
            new("Cohen's d", $"with(x, mean({Name(First)} - {Name(Second)}) / sd({Name(First)} - {Name(Second)}))", "cohensD"),
            .. EffectSizeChecks($"v <- x[[{Str(First)}]] - x[[{Str(Second)}]]; df <- length(v) - 1; s <- sd(v); hn <- 1 / length(v); dif <- mean(v)"),
        ]);
}
