namespace Analysis.Domain.Analyses.Descriptive;

public sealed record DescriptiveResult(IReadOnlyDictionary<string, ColumnSummary> Columns, int N, string Title)
    : AnalysisResult
{
    public override string Type => DescriptiveType.TypeName;

    public override string Highlight
    {
        get
        {
            var parts = Columns.Take(3).Select(c => $"{c.Key} mean = {Format.Stat(c.Value.Mean)}, sd = {Format.Stat(c.Value.Std)}");
            var more = Columns.Count > 3 ? $"; {Columns.Count - 3} more columns" : string.Empty;
            return $"{Title}: n = {N}; {string.Join("; ", parts)}{more}";
        }
    }

    public override string ApaSentence =>
        string.Join("; ", Columns.Select(c => $"{c.Key}: M = {Apa.Stat(c.Value.Mean)}, SD = {Apa.Stat(c.Value.Std)}, Mdn = {Apa.Stat(c.Value.Median)}, n = {c.Value.Count}"));
}
