namespace Analysis.Domain.Analyses;

/// <summary>
/// The predictors of a model as columns over the complete rows: a numeric predictor as it is, a categorical one by
/// treatment coding — a 0/1 column for each level present in those rows except the first, which is the reference —
/// with R's term names (column name then level: <c>cyl6</c>, <c>cyl8</c>; a name R cannot read bare in backticks,
/// <c>`my col`b</c>). No intercept column.
/// </summary>
public sealed class DesignMatrix
{
    /// <summary>
    /// Cells of treatment-coded columns (rows × dummies) a model may have: 2²⁴, 128 MiB of doubles. A categorical
    /// predictor of many levels on many rows would otherwise take gigabytes (1,000 levels × 1,000,000 rows is 8 GB).
    /// Numeric predictors are the dataset's own arrays and cost nothing here.
    /// </summary>
    public const long MaxDummyCells = 1L << 24;

    private DesignMatrix(IReadOnlyList<double[]> columns, IReadOnlyList<string> terms, IReadOnlyList<bool> numeric)
    {
        Columns = columns;
        Terms = terms;
        Numeric = numeric;
    }

    /// <summary>For each column: whether it is a numeric predictor (else a level's indicator).</summary>
    public IReadOnlyList<bool> Numeric { get; }

    public IReadOnlyList<double[]> Columns { get; }

    public IReadOnlyList<string> Terms { get; }

    public static DesignMatrix Build(IReadOnlyList<DataColumn> predictors, Listwise rows)
    {
        ArgumentNullException.ThrowIfNull(predictors);
        ArgumentNullException.ThrowIfNull(rows);
        var dummies = predictors.Sum(p => p is CategoricalColumn c ? Math.Max(0, c.Levels.Length - 1) : 0);
        if ((long)dummies * rows.Count > MaxDummyCells)
        {
            throw new AnalysisNotComputableException(
                $"The categorical predictors need {dummies} indicator columns (one per level but the first) for {rows.Count:N0} rows, more than " +
                $"the {MaxDummyCells:N0} cells a model may hold; use a categorical predictor with fewer levels, or fewer rows.", rows.Count);
        }

        var columns = new List<double[]>();
        var terms = new List<string>();
        var numericColumns = new List<bool>();
        foreach (var predictor in predictors)
        {
            switch (predictor)
            {
                case NumericColumn numeric:
                    columns.Add(rows.Select(numeric));
                    terms.Add(RText.Term(numeric.Name));
                    numericColumns.Add(true);
                    break;
                case CategoricalColumn categorical:
                    var codes = rows.Select(categorical.Codes);
                    var present = codes.Where(c => c >= 0).Distinct().Order().ToArray();
                    if (present.Length < 2)
                    {
                        // R: "contrasts can be applied only to factors with 2 or more levels".
                        throw new AnalysisNotComputableException(
                            $"Predictor '{categorical.Name}' has {present.Length} level in the complete rows; a categorical predictor needs at least 2.", rows.Count);
                    }

                    foreach (var level in present.Skip(1))
                    {
                        columns.Add(Array.ConvertAll(codes, c => c == level ? 1.0 : 0.0));
                        terms.Add(RText.Term(categorical.Name) + categorical.Levels[level]);
                        numericColumns.Add(false);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown column kind {predictor.GetType().Name}.", nameof(predictors));
            }
        }

        return new DesignMatrix(columns, terms, numericColumns);
    }
}
