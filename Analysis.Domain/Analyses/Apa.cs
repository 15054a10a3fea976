using System.Globalization;

namespace Analysis.Domain.Analyses;

/// <summary>
/// Numbers as APA style writes them in a result sentence (<c>t(17.78) = −1.86, p = .079</c>): two decimals, a true minus
/// sign, no leading zero for what cannot exceed 1 (p-values, correlations, proportions of variance), <c>p &lt; .001</c>
/// below a thousandth, degrees of freedom whole or to two decimals.
/// </summary>
public static class Apa
{
    private const char Minus = '\u2212';

    /// <summary>A statistic to two decimals (<c>−1.86</c>, <c>39.70</c>); NA when not finite.</summary>
    public static string Stat(double value) => Fixed(value, 2);

    /// <summary>A degree of freedom: whole (<c>29</c>) or, from Welch's correction, to two decimals (<c>17.78</c>).</summary>
    public static string Df(double value) => value == Math.Round(value) ? Fixed(value, 0) : Fixed(value, 2);

    /// <summary><c>p = .079</c>, <c>p &lt; .001</c>.</summary>
    public static string P(double value) =>
        !double.IsFinite(value) ? "p = NA" : value < 0.001 ? "p < .001" : $"p = {NoLeadingZero(Fixed(value, 3))}";

    /// <summary>A number that cannot exceed 1 in size (a correlation, η², Shapiro–Wilk's W): <c>−.87</c>, <c>.73</c>.</summary>
    public static string Bounded(double value, int decimals = 2) => NoLeadingZero(Fixed(value, decimals));

    /// <summary><c>95% CI [−3.37, 0.21]</c>.</summary>
    public static string Ci(double level, double low, double high) =>
        $"{Fixed(level * 100, level * 100 == Math.Round(level * 100) ? 0 : 1)}% CI [{Stat(low)}, {Stat(high)}]";

    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return value switch { double.PositiveInfinity => "∞", double.NegativeInfinity => Minus + "∞", _ => "NA" };
        }

        var text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? (text.Trim('-', '0', '.').Length == 0 ? text[1..] : Minus + text[1..]) : text;
    }

    private static string NoLeadingZero(string text) =>
        text.StartsWith("0.", StringComparison.Ordinal) ? text[1..] : text.StartsWith(Minus + "0.", StringComparison.Ordinal) ? Minus + text[2..] : text;
}
