namespace Analysis.Domain.Analyses;

/// <summary>
/// What an analysis will take, known from its spec and the data before it runs: the most its result can take (as the
/// JSON the results endpoint writes, in bytes) and its work, in units of about a nanosecond of one core of the
/// 2-core machine the defaults were measured on (docs/operations.md, "Bounded work and fair workers"). Both are upper bounds made
/// from counts (rows, columns, levels), not a run: they may be several times what a run takes, never much less.
/// </summary>
public readonly record struct AnalysisCost(long ResultBytes, double Work)
{
    /// <summary>What one number takes in a result's JSON: a round-trip double, its separator and a share of its name.</summary>
    public const int BytesPerNumber = 25;

    /// <summary>What a name (a column, a level, a term) takes at most in a result's JSON, beyond its characters.</summary>
    public const int BytesPerName = 8;

    /// <summary>What a result's fixed part takes (type, kind, echoed fields, warnings): a generous constant.</summary>
    public const int FixedBytes = 2048;

    /// <summary>A result of <paramref name="numbers"/> numbers and the given names, with its fixed part.</summary>
    public static long Json(double numbers, IEnumerable<string>? names = null) =>
        FixedBytes + (long)Math.Ceiling(numbers * BytesPerNumber) + (names?.Sum(n => (long)n.Length + BytesPerName) ?? 0);

    /// <summary>A result of <paramref name="numbers"/> numbers and <paramref name="names"/> names of unknown text (levels).</summary>
    public static long Json(double numbers, double names) =>
        FixedBytes + (long)Math.Ceiling((numbers * BytesPerNumber) + (names * LevelNameBytes));

    /// <summary>A level's name at most, as counted for a result (numeric levels are short; text levels are taken as long).</summary>
    public const int LevelNameBytes = 40;

    /// <summary>n·log₂n, the count of a sort of n values (at least n).</summary>
    public static double SortOf(double n) => n * Math.Max(1, Math.Log2(Math.Max(n, 2)));

    /// <summary>
    /// The most levels a grouping column can have: a categorical column's count of distinct values, else its rows, up to
    /// the grouping limit.
    /// </summary>
    public static int LevelsAtMost(DatasetSchema schema, string column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var counted = schema.Columns.FirstOrDefault(c => c.Name == column)?.Levels;
        return Math.Min(counted ?? schema.Rows, Grouping.MaxLevels);
    }

    /// <summary>A model's terms: the intercept, one per numeric predictor, levels − 1 per categorical one.</summary>
    public static int TermsAtMost(DatasetSchema schema, IEnumerable<string> predictors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return 1 + predictors.Sum(p => schema.Columns.FirstOrDefault(c => c.Name == p)?.Type == ColumnType.Categorical
            ? Math.Max(1, LevelsAtMost(schema, p) - 1)
            : 1);
    }

    public static AnalysisCost operator +(AnalysisCost a, AnalysisCost b) => new(a.ResultBytes + b.ResultBytes, a.Work + b.Work);
}
