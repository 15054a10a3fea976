using System.Globalization;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// The cells that mean missing, as R's <c>read.csv(na.strings = …)</c> has them: a cell whose text (without the spaces
/// around it, as the CSV reader decides) is exactly one of the strings. An empty cell is always missing. A typed number
/// (an XLSX number cell, a Parquet number) has no text of its own: it is missing when it equals a marker that reads as a
/// number, so <c>-99</c> catches -99 however the file wrote it.
/// </summary>
internal sealed class MissingMarkers
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _texts;
    private readonly HashSet<double> _numbers = [];

    public MissingMarkers(IEnumerable<string>? naStrings)
    {
        var texts = new HashSet<string>(naStrings ?? DatasetFormats.DefaultNaStrings, StringComparer.Ordinal);
        _texts = texts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var text in texts)
        {
            if (NumericText.TryParse(text.AsSpan().Trim(), out var value))
            {
                _numbers.Add(value);
            }
        }

        NaNIsMissing = texts.Contains(double.NaN.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether a floating-point NaN counts as missing: it does when <c>NaN</c> is a marker (the default).</summary>
    public bool NaNIsMissing { get; }

    /// <param name="trimmed">A cell's text without the spaces around it.</param>
    public bool IsMissing(ReadOnlySpan<char> trimmed) => trimmed.IsEmpty || _texts.Contains(trimmed);

    public bool IsMissing(double value) => _numbers.Count > 0 && _numbers.Contains(value);
}
