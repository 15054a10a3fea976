using System.Globalization;

namespace Analysis.Domain.Datasets;

/// <summary>What counts as a number and as a missing value in an uploaded dataset (docs/api.md, CSV rules).</summary>
public static class NumericText
{
    /// <summary>Empty, <c>NA</c>, <c>NaN</c> and <c>null</c> are missing (after trimming spaces).</summary>
    public static bool IsMissing(ReadOnlySpan<char> text) =>
        text.IsEmpty || text is "NA" or "NaN" or "null";

    /// <summary>A finite number in invariant culture (<c>1234.5</c>, <c>1e-3</c>); not <c>1e999</c> or <c>Infinity</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
