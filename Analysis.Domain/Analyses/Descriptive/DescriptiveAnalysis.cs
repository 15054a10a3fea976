namespace Analysis.Domain.Analyses.Descriptive;

/// <summary>
/// count, missing, mean, sd (n − 1), min, quartiles (type 7) and max of each column over its own non-missing
/// values, as R's mean, sd and quantile. Columns are summarised in parallel, each thread with one scratch buffer.
/// </summary>
public static class DescriptiveAnalysis
{
    private static readonly double[] QuartileProbabilities = [0.25, 0.5, 0.75];

    public static DescriptiveResult Run(DescriptiveSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var columns = spec.Columns.Select(name => (NumericColumn)data.Find(name)!).ToArray();
        var summaries = new ColumnSummary[columns.Length];
        var notes = new string?[columns.Length];
        Parallel.For(
            0, columns.Length,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new double[data.RowCount],
            (i, _, scratch) =>
            {
                (summaries[i], notes[i]) = Summarize(columns[i], scratch);
                return scratch;
            },
            _ => { });

        var byName = new Dictionary<string, ColumnSummary>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            byName[spec.Columns[i]] = summaries[i];
        }

        List<string> warnings = [.. notes.OfType<string>()];
        return new DescriptiveResult(byName, data.RowCount, spec.Title) { Warnings = warnings.Count == 0 ? null : warnings };
    }

    /// <summary>The summary, and a warning when part of it cannot be computed.</summary>
    private static (ColumnSummary Summary, string? Warning) Summarize(NumericColumn column, double[] scratch)
    {
        var missing = column.MissingCount;
        var present = scratch.AsSpan(0, column.Length - missing);
        if (missing == 0)
        {
            column.Values.CopyTo(present);
        }
        else
        {
            var j = 0;
            foreach (var v in column.Values)
            {
                if (!double.IsNaN(v))
                {
                    present[j++] = v;
                }
            }
        }

        if (present.Length == 0)
        {
            return (new ColumnSummary(0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
                $"Column '{column.Name}' has no values: its statistics are null.");
        }

        var mean = Moments.Mean(present);
        var std = Moments.StandardDeviation(present, mean);
        var (min, max) = Moments.Range(present);
        var quartiles = Quantiles.Type7(present, QuartileProbabilities);
        var warning = present.Length < 2 ? $"Column '{column.Name}' has one value: its standard deviation is null."
            : double.IsInfinity(std) ? $"Column '{column.Name}': its standard deviation is beyond the largest double (about 1.8e308) and given as null."
            : null;
        return (new ColumnSummary(present.Length, missing, mean, std, min, quartiles[0], quartiles[1], quartiles[2], max), warning);
    }
}
