namespace Analysis.Domain.Analyses.Tukey;

public sealed record TukeyResult(
    string Column,
    string GroupBy,
    double ConfidenceLevel,
    IReadOnlyList<TukeyComparison> Comparisons,
    int DfWithin,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => TukeyType.TypeName;

    public override string Highlight
    {
        get
        {
            var least = Comparisons.Where(c => !double.IsNaN(c.PValue)).MinBy(c => c.PValue);
            var pairs = $"{Comparisons.Count} pair{(Comparisons.Count == 1 ? string.Empty : "s")}";
            return least is null
                ? $"{Title}: {pairs}"
                : $"{Title}: {pairs}, smallest p = {Format.P(least.PValue)} ({least.Groups[1]} - {least.Groups[0]}: {Format.Stat(least.Difference)})";
        }
    }

    public override string ApaSentence =>
        string.Join("; ", Comparisons.Select(c => $"{c.Groups[1]} − {c.Groups[0]}: {Apa.Stat(c.Difference)}, {Apa.Ci(ConfidenceLevel, c.ConfidenceInterval[0], c.ConfidenceInterval[1])}, {Apa.P(c.PValue)}"));
}
