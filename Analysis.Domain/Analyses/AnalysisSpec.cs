namespace Analysis.Domain.Analyses;

/// <summary>One entry of a session's plan: what to compute, on which columns. Immutable.</summary>
public abstract record AnalysisSpec
{
    /// <summary>The wire name of the analysis type (<c>descriptive</c>, <c>ttest</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>Every column the analysis reads; rows missing any of them are dropped (listwise).</summary>
    public abstract IReadOnlyList<string> ColumnsUsed { get; }

    /// <summary>Short human title, the prefix of the session highlight (e.g. <c>ttest extra by group</c>).</summary>
    public abstract string Title { get; }
}

public static class AnalysisTypes
{
    public const string Descriptive = "descriptive";
    public const string Correlation = "correlation";
    public const string TTest = "ttest";
    public const string Anova = "anova";
    public const string Regression = "regression";
    public const string ChiSquare = "chisquare";

    public static IReadOnlyList<string> All { get; } =
        [Descriptive, Correlation, TTest, Anova, Regression, ChiSquare];
}

public sealed record DescriptiveSpec(IReadOnlyList<string> Columns) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Descriptive;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => Columns.Count <= 3
        ? $"descriptive {string.Join(", ", Columns)}"
        : $"descriptive of {Columns.Count} columns";
}

public enum CorrelationMethod
{
    Pearson,
    Spearman,
}

public sealed record CorrelationSpec(IReadOnlyList<string> Columns, CorrelationMethod Method) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Correlation;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => $"correlation ({MethodName}) of {string.Join(", ", Columns)}";

    public string MethodName => Method == CorrelationMethod.Spearman ? "spearman" : "pearson";
}

/// <summary>The three t-tests share a confidence level; each kind names its own columns.</summary>
public abstract record TTestSpec(double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => AnalysisTypes.TTest;
}

public sealed record TwoSampleTTestSpec(
    string Column, string GroupBy, IReadOnlyList<string>? Groups, bool EqualVariance, double ConfidenceLevel)
    : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"ttest {Column} by {GroupBy}";
}

public sealed record OneSampleTTestSpec(string Column, double Mu, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [Column];

    public override string Title =>
        $"ttest {Column} vs mu = {Format.Significant(Mu, 6)}";
}

public sealed record PairedTTestSpec(string First, string Second, double ConfidenceLevel) : TTestSpec(ConfidenceLevel)
{
    public override IReadOnlyList<string> ColumnsUsed => [First, Second];

    public override string Title => $"ttest paired {First} - {Second}";
}

public sealed record AnovaSpec(string Column, string GroupBy) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Anova;

    public override IReadOnlyList<string> ColumnsUsed => [Column, GroupBy];

    public override string Title => $"anova {Column} by {GroupBy}";
}

public sealed record RegressionSpec(string Dependent, IReadOnlyList<string> Independents) : AnalysisSpec
{
    public override string Type => AnalysisTypes.Regression;

    public override IReadOnlyList<string> ColumnsUsed => [Dependent, .. Independents];

    public override string Title => $"regression {Dependent} ~ {string.Join(" + ", Independents)}";
}

public sealed record ChiSquareSpec(string RowVariable, string ColumnVariable, bool Correction) : AnalysisSpec
{
    public override string Type => AnalysisTypes.ChiSquare;

    public override IReadOnlyList<string> ColumnsUsed => [RowVariable, ColumnVariable];

    public override string Title => $"chisquare {RowVariable} by {ColumnVariable}";
}
