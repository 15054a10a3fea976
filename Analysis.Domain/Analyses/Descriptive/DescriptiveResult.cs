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
}
