namespace Analysis.Domain.Analyses.Shapiro;

/// <summary>The Shapiro–Wilk test of normality of each named column, on its own non-missing values.</summary>
public sealed record ShapiroSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Shapiro;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => $"shapiro {string.Join(", ", Columns)}";
}
