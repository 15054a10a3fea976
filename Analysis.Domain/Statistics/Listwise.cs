namespace Analysis.Domain.Statistics;

/// <summary>
/// Listwise deletion: the rows where none of the given columns is missing. When every row is complete the
/// columns' own arrays are used as they are, without a copy.
/// </summary>
public sealed class Listwise
{
    private readonly bool[]? _keep;

    private Listwise(int rows, bool[]? keep, int count)
    {
        Rows = rows;
        _keep = keep;
        Count = count;
    }

    public int Rows { get; }

    /// <summary>The rows used: n.</summary>
    public int Count { get; }

    public static Listwise Of(IEnumerable<DataColumn> columns, int rows)
    {
        bool[]? keep = null;
        var count = rows;
        foreach (var column in columns)
        {
            if (column.MissingCount == 0)
            {
                continue;
            }

            if (keep is null)
            {
                keep = new bool[rows];
                Array.Fill(keep, true);
            }

            for (var r = 0; r < rows; r++)
            {
                if (keep[r] && column.IsMissing(r))
                {
                    keep[r] = false;
                    count--;
                }
            }
        }

        return new Listwise(rows, keep, count);
    }

    public double[] Select(NumericColumn column) => _keep is null ? column.Values : Compact(column.Values);

    public int[] Select(int[] codes) => _keep is null ? codes : Compact(codes);

    private T[] Compact<T>(T[] values)
    {
        var result = new T[Count];
        var j = 0;
        for (var r = 0; r < values.Length; r++)
        {
            if (_keep![r])
            {
                result[j++] = values[r];
            }
        }

        return result;
    }
}
