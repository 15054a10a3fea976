namespace Analysis.Infrastructure.Csv;

/// <summary>
/// Level text → code, looked up by span so repeated levels allocate nothing. Keeps at most
/// <see cref="CategoricalColumn.MaxKeptLevels"/> levels; any other text is <see cref="CategoricalColumn.BeyondLevelsCode"/>,
/// so a column of distinct text costs a lookup per cell and no string.
/// </summary>
internal sealed class CategoryIndex
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _levels = [];

    public CategoryIndex() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The code of <paramref name="text"/>, a new one if it is new and there is room. <paramref name="held"/>: the same
    /// text as a string the caller holds anyway (an XLSX shared string), kept as the level rather than a copy of it.
    /// </summary>
    public int CodeOf(ReadOnlySpan<char> text, string? held = null)
    {
        if (_lookup.TryGetValue(text, out var code))
        {
            return code;
        }

        if (_levels.Count == CategoricalColumn.MaxKeptLevels)
        {
            return CategoricalColumn.BeyondLevelsCode;
        }

        var level = held ?? text.ToString();
        code = _levels.Count;
        _codes.Add(level, code);
        _levels.Add(level);
        return code;
    }

    /// <summary>The levels in ordinal order, and for each first-seen code its sorted position.</summary>
    public (string[] Levels, int[] Remap) SortedLevels()
    {
        var sorted = _levels.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var remap = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            remap[_codes[sorted[i]]] = i;
        }

        return (sorted, remap);
    }

    /// <summary>
    /// The column of the first <paramref name="count"/> first-seen codes, recoded in place to the sorted levels
    /// (missing and beyond-the-kept-levels codes, negative, stay as they are).
    /// </summary>
    public CategoricalColumn Column(string name, int[] codes, int count)
    {
        var (levels, remap) = SortedLevels();
        var kept = codes.Length == count ? codes : codes[..count];
        for (var i = 0; i < kept.Length; i++)
        {
            var c = kept[i];
            kept[i] = c < 0 ? c : remap[c];
        }

        return new CategoricalColumn(name, kept, levels);
    }
}
