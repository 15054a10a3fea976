namespace Analysis.Domain.Analyses;

/// <summary>
/// a − b over the rows where both columns are present, for the paired tests. Values near the largest double are
/// divided by one power of two first (<see cref="Scaling"/>), so that the subtraction cannot overflow; multiply a
/// location back by <c>Scale</c>.
/// </summary>
public static class PairedDifferences
{
    public static (double[] Differences, double Scale) Of(Dataset data, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(data);
        var a = (NumericColumn)data.Find(first)!;
        var b = (NumericColumn)data.Find(second)!;
        var rows = Listwise.Of([a, b], data.RowCount);
        var (xa, xb) = (rows.Select(a), rows.Select(b));
        var scale = Scaling.For(Scaling.Largest(xa), Scaling.Largest(xb));
        var differences = new double[xa.Length];
        for (var i = 0; i < xa.Length; i++)
        {
            differences[i] = (xa[i] / scale) - (xb[i] / scale);
        }

        return (differences, scale);
    }
}
