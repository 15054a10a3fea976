namespace Analysis.Domain.Analyses.Descriptive;

/// <summary>Summary of one column over its own non-missing values (as R's <c>summary</c> and <c>sd</c>).</summary>
public sealed record ColumnSummary(
    int Count, int Missing, double Mean, double Std, double Min, double Q1, double Median, double Q3, double Max);
