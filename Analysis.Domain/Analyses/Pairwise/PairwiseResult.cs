namespace Analysis.Domain.Analyses.Pairwise;

/// <summary>One pair [a, b] (a before b in level order): its test's p-value, and corrected with the others.</summary>
public sealed record PairwiseComparison(IReadOnlyList<string> Groups, double PValue, double PValueAdjusted);

/// <summary>
/// Every pair's p-value, raw and corrected. <c>Test</c> is <c>t</c> or <c>wilcoxon</c>; <c>Method</c> R's name of the
/// tests (for the Wilcoxon tests the last pair's, as R says it); <c>PAdjust</c> the correction as <c>p.adjust</c> names
/// it; <c>PooledSd</c> the pooled standard deviation the t-tests used (with <c>pooledSd</c>), else null.
/// </summary>
public sealed record PairwiseResult(
    string Column,
    string GroupBy,
    string Test,
    string Method,
    bool Paired,
    string PAdjust,
    double? PooledSd,
    IReadOnlyList<PairwiseComparison> Comparisons,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => PairwiseType.TypeName;

    public override string Highlight
    {
        get
        {
            var least = Comparisons.Where(c => !double.IsNaN(c.PValueAdjusted)).MinBy(c => c.PValueAdjusted);
            var pairs = $"{Comparisons.Count} pair{(Comparisons.Count == 1 ? string.Empty : "s")}";
            return least is null
                ? $"{Title}: {pairs}"
                : $"{Title}: {pairs}, smallest {Adjusted}p = {Format.P(least.PValueAdjusted)} ({least.Groups[0]} vs {least.Groups[1]})";
        }
    }

    /// <summary><c>a vs b: p = .012 (unadjusted p = .004)</c> for each pair, after the method.</summary>
    public override string ApaSentence =>
        $"{char.ToUpperInvariant(Method[0])}{Method[1..]}{(PAdjust == "none" ? string.Empty : $", {PAdjust}-adjusted")}: " +
        string.Join("; ", Comparisons.Select(c => $"{c.Groups[0]} vs {c.Groups[1]}: {Apa.P(c.PValueAdjusted)}" +
            (PAdjust == "none" ? string.Empty : $" (unadjusted {Apa.P(c.PValue)})")));

    private string Adjusted => PAdjust == "none" ? string.Empty : $"{PAdjust}-adjusted ";
}
