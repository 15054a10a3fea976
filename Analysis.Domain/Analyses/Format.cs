using System.Globalization;

namespace Analysis.Domain.Analyses;

/// <summary>Number formatting for highlights: invariant culture, significant digits, lowercase exponent.</summary>
public static class Format
{
    /// <summary>Four significant digits, as R prints statistics (<c>-1.861</c>, <c>17.78</c>).</summary>
    public static string Stat(double value) => Significant(value, 4);

    /// <summary>Three significant digits (<c>0.0794</c>, <c>1.7e-31</c>).</summary>
    public static string P(double value) => Significant(value, 3);

    public static string Significant(double value, int digits)
    {
        if (!double.IsFinite(value))
        {
            return "NA";
        }

        var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        // "1.7E-31" → "1.7e-31", "1E+20" → "1e+20"
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, e)}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}");
    }
}
