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
    /// The values as a statistic that does not change with their location or scale (F, t, p) should take them: divided
    /// by one power of two when they are so large that their squares overflow or so small that they underflow
    /// (<see cref="Statistics.Scaling.For"/>), and less a centre when they sit far from zero against their spread
    /// (<see cref="Statistics.Scaling.Centre"/>), both exactly. A location is <c>(x + Centre) · Scale</c>, a spread
    /// <c>s · Scale</c>.
    /// </summary>
    public (IReadOnlyList<double[]> Values, double Centre, double Scale) Standardized() => Standardize(Values);

    /// <summary><see cref="Standardized"/> for any samples (NaN, a missing value, stays NaN and is not looked at).</summary>
    public static (IReadOnlyList<double[]> Values, double Centre, double Scale) Standardize(IReadOnlyList<double[]> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var present = samples.Select(v => Array.Exists(v, double.IsNaN) ? Array.FindAll(v, x => !double.IsNaN(x)) : v).ToList();
        var scale = Statistics.Scaling.For([.. present.Select(v => Statistics.Scaling.Largest(v))]);
        var scaled = scale == 1 ? samples : [.. samples.Select(v => Statistics.Scaling.Divide(v, scale))];
        var centre = Statistics.Scaling.Centre(scale == 1 ? present : present.Select(v => Statistics.Scaling.Divide(v, scale)));
        return (centre == 0 ? scaled : [.. scaled.Select(v => Array.ConvertAll(v, x => x - centre))], centre, scale);
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
