namespace Analysis.Domain.Analyses.Shapiro;

/// <summary>
/// R: <c>shapiro.test(x)</c> on each column's non-missing values (Royston's algorithm AS R94). A column outside R's
/// 3 to 5000 values, or with every value the same, carries an error of its own; the others are tested.
/// </summary>
public static class ShapiroAnalysis
{
    public static ShapiroResult Run(ShapiroSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, ShapiroColumn>(StringComparer.Ordinal);
        foreach (var name in spec.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            columns[name] = Test(((NumericColumn)data.Find(name)!).Present());
        }

        return new ShapiroResult(columns, data.RowCount, spec.Title);
    }

    /// <summary>R: <c>shapiro.test(values)</c>, or why it cannot be computed (outside 3 to 5000 values, every value the same).</summary>
    public static ShapiroColumn Test(double[] values)
    {
        if (values.Length is < ShapiroWilk.MinN or > ShapiroWilk.MaxN)
        {
            return new ShapiroColumn(values.Length, null, null,
                $"The Shapiro-Wilk test takes {ShapiroWilk.MinN} to {ShapiroWilk.MaxN} values (as R's shapiro.test); the column has {values.Length}.");
        }

        if (values.All(v => v == values[0]))
        {
            return new ShapiroColumn(values.Length, null, null, "Every value is the same: there is no distribution to test.");
        }

        var test = ShapiroWilk.Test(values);
        return new ShapiroColumn(values.Length, test.W, test.PValue, null);
    }
}
