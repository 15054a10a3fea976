namespace Analysis.Domain.Analyses.Shapiro;

/// <summary>Each column's Shapiro–Wilk test; <see cref="N"/> is the dataset's row count (each column uses its own values).</summary>
public sealed record ShapiroResult(IReadOnlyDictionary<string, ShapiroColumn> Columns, int N, string Title) : AnalysisResult
{
    public override string Type => ShapiroType.TypeName;

    public override string Highlight
    {
        get
        {
            var tested = Columns.Where(c => c.Value.PValue is not null).ToList();
            if (tested.Count == 0)
            {
                return $"{Title}: no column could be tested";
            }

            var (name, column) = tested.MinBy(c => c.Value.PValue!.Value);
            return tested.Count == 1
                ? $"{Title}: W = {Format.Stat(column.Statistic!.Value)}, p = {Format.P(column.PValue!.Value)}"
                : $"{Title}: smallest p = {Format.P(column.PValue!.Value)} ({name}, W = {Format.Stat(column.Statistic!.Value)})";
        }
    }

    public override string ApaSentence =>
        string.Join("; ", Columns.Select(c => c.Value.Statistic is { } w ? $"{c.Key}: W = {Apa.Bounded(w, 3)}, {Apa.P(c.Value.PValue ?? double.NaN)}" : $"{c.Key}: {c.Value.Error}"));
}
