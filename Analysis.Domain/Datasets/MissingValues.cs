namespace Analysis.Domain.Datasets;

/// <summary>
/// The cells an upload reads as missing (its <c>naStrings</c>, as R's <c>read.csv(na.strings = …)</c>): a cell whose
/// text, without the spaces around it, is exactly one of them. An empty cell is always missing.
/// </summary>
public sealed class MissingValues
{
    public const int MaxStrings = 20;

    public const int MaxLength = 20;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _isDefault;

    public MissingValues(IEnumerable<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Strings = [.. strings.Distinct(StringComparer.Ordinal)];
        var set = new HashSet<string>(Strings, StringComparer.Ordinal);
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _isDefault = set.SetEquals(StoredDataset.DefaultNaStrings);
        HasNumerals = Strings.Any(s => NumericText.TryParse(s.AsSpan().Trim(), out _));
    }

    /// <summary>The default: empty, <c>NA</c>, <c>NaN</c>, <c>null</c>.</summary>
    public static MissingValues Default { get; } = new(StoredDataset.DefaultNaStrings);

    /// <summary>The strings, each once, in the order given.</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>Whether a marker reads as a number (<c>-99</c>): then a numeral's text must be checked before it is parsed.</summary>
    public bool HasNumerals { get; }

    /// <param name="trimmed">A cell's text without the spaces around it.</param>
    public bool IsMissing(ReadOnlySpan<char> trimmed) =>
        trimmed.IsEmpty || (_isDefault ? NumericText.IsMissing(trimmed) : _lookup.Contains(trimmed));

    /// <summary>What is wrong with a list of strings for an upload; null when nothing.</summary>
    public static string? Problem(IReadOnlyList<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        if (strings.Count > MaxStrings)
        {
            return $"At most {MaxStrings} strings, not {strings.Count}.";
        }

        var tooLong = strings.FirstOrDefault(s => s.Length > MaxLength);
        return tooLong is null ? null : $"A string is at most {MaxLength} characters: '{tooLong[..MaxLength]}…' is longer.";
    }
}
