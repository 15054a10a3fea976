namespace Analysis.Domain.Analyses;

/// <summary>
/// A numeric column's values split by the levels of a grouping column, over the rows where both are present
/// (listwise). Only levels with values are kept, in level order; <see cref="N"/> counts the rows used.
/// </summary>
public sealed class GroupedValues
{
    private GroupedValues(IReadOnlyList<string> names, IReadOnlyList<double[]> values, int n)
    {
        Names = names;
        Values = values;
        N = n;
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<double[]> Values { get; }

    public int N { get; }

    public int Count => Names.Count;

    /// <summary>
    /// The values as a statistic that does not change with their scale (F, t, p) should take them: divided by one
    /// power of two when they are so large that their squares overflow (<see cref="Statistics.Scaling"/>), else as
    /// they are; multiply location and spread back by <c>Scale</c>.
    /// </summary>
    public (IReadOnlyList<double[]> Values, double Scale) Scaled()
    {
        var scale = Values.Select(v => Statistics.Scaling.For(v)).DefaultIfEmpty(1).Max();
        return (scale == 1 ? Values : [.. Values.Select(v => Statistics.Scaling.Divide(v, scale))], scale);
    }

    /// <summary>
    /// Splits <paramref name="column"/> by <paramref name="groupBy"/>; with <paramref name="only"/>, just those
    /// levels in that order (a two-group test of two levels out of more).
    /// </summary>
    public static GroupedValues Of(Dataset data, string column, string groupBy, IReadOnlyList<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = ((NumericColumn)data.Find(column)!).Values;
        var grouping = Grouping.Build(data.Find(groupBy)!)!;
        var wanted = only is null
            ? Enumerable.Range(0, grouping.Levels.Length).ToArray()
            : [.. only.Select(grouping.IndexOf)];
        var slot = new int[grouping.Levels.Length];
        Array.Fill(slot, -1);
        for (var i = 0; i < wanted.Length; i++)
        {
            slot[wanted[i]] = i;
        }

        var lists = new List<double>[wanted.Length];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        var n = 0;
        for (var r = 0; r < values.Length; r++)
        {
            var code = grouping.Codes[r];
            if (code >= 0 && slot[code] >= 0 && !double.IsNaN(values[r]))
            {
                lists[slot[code]].Add(values[r]);
                n++;
            }
        }

        var kept = Enumerable.Range(0, wanted.Length).Where(i => only is not null || lists[i].Count > 0).ToArray();
        return new GroupedValues([.. kept.Select(i => grouping.Levels[wanted[i]])], [.. kept.Select(i => lists[i].ToArray())], n);
    }
}
