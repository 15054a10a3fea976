namespace Analysis.Domain.Analyses;

/// <summary>
/// The levels of a grouping column. A categorical column's levels are its own (ordinal order); a numeric
/// column's distinct values are levels too, named by their shortest round-trip text and ordered numerically.
/// </summary>
public sealed class Grouping
{
    public const int MaxLevels = CategoricalColumn.MaxKeptLevels - 1;

    private Grouping(string[] levels, int[] codes)
    {
        Levels = levels;
        Codes = codes;
    }

    /// <summary>Level names in level order.</summary>
    public string[] Levels { get; }

    /// <summary>Per row, the index into <see cref="Levels"/>, or -1 when missing.</summary>
    public int[] Codes { get; }

    /// <summary>A numeric level's name: as JavaScript writes the number (docs/api.md: <c>4</c>, <c>0.5</c>, <c>0.00001</c>, <c>2.5e-7</c>, <c>1e+21</c>).</summary>
    public static string LevelName(double value) => JavaScriptNumber.Format(value);

    /// <summary>Builds the grouping; null when the column has more than <paramref name="maxLevels"/> levels.</summary>
    public static Grouping? Build(DataColumn column, int maxLevels = MaxLevels)
    {
        switch (column)
        {
            case CategoricalColumn c:
                return c.Levels.Length > maxLevels || c.HasMoreLevels ? null : new Grouping(c.Levels, c.Codes);
            case NumericColumn n:
                var distinct = new HashSet<double>();
                foreach (var v in n.Values)
                {
                    if (!double.IsNaN(v) && distinct.Add(v == 0 ? 0 : v) && distinct.Count > maxLevels)
                    {
                        return null;
                    }
                }

                var values = distinct.ToArray();
                Array.Sort(values);
                var index = new Dictionary<double, int>(values.Length);
                for (var i = 0; i < values.Length; i++)
                {
                    index[values[i]] = i;
                }

                var codes = new int[n.Values.Length];
                for (var r = 0; r < codes.Length; r++)
                {
                    var v = n.Values[r];
                    codes[r] = double.IsNaN(v) ? -1 : index[v == 0 ? 0 : v];
                }

                return new Grouping(Array.ConvertAll(values, LevelName), codes);
            default:
                throw new ArgumentException("Unknown column kind.", nameof(column));
        }
    }

    public int IndexOf(string level) => Array.IndexOf(Levels, level);
}
