using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses.Descriptive;

public static class DescriptiveAnalysis
{
    private static readonly double[] QuartileProbabilities = [0.25, 0.5, 0.75];

    public static DescriptiveResult Run(DescriptiveSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var summaries = new Dictionary<string, ColumnSummary>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var name in spec.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var column = (NumericColumn)data.Find(name)!;
            summaries[name] = Summarize(column, warnings);
        }

        return new DescriptiveResult(summaries, data.RowCount, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }

    internal static ColumnSummary Summarize(NumericColumn column, List<string> warnings)
    {
        var missing = column.MissingCount;
        var present = new double[column.Length - missing];
        var j = 0;
        foreach (var v in column.Values)
        {
            if (!double.IsNaN(v))
            {
                present[j++] = v;
            }
        }

        if (present.Length == 0)
        {
            warnings.Add($"Column '{column.Name}' has no values: its statistics are null.");
            return new ColumnSummary(0, missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = Moments.Mean(present);
        var std = Math.Sqrt(Moments.Variance(present, mean));
        if (present.Length < 2)
        {
            warnings.Add($"Column '{column.Name}' has one value: its standard deviation is null.");
        }

        var min = Quantiles.Min(present);
        var max = Max(present);
        var quartiles = Quantiles.Type7(present, QuartileProbabilities);
        return new ColumnSummary(present.Length, missing, mean, std, min, quartiles[0], quartiles[1], quartiles[2], max);
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        return max;
    }
}
