using System.Globalization;
using System.Text;

namespace Analysis.Domain.Analyses;

/// <summary>
/// An analysis in base R (issue #20): <see cref="Call"/>, the statement that computes its numbers from a data frame
/// <c>d</c> read from the dataset's CSV (text columns as character, missing cells as <c>NA</c>, collation "C" so that
/// levels sort as the service sorts them); and the <see cref="Checks"/> that set R's numbers beside the service's.
/// </summary>
/// <param name="Call">One base-R statement; its value is <c>res</c> in the checks.</param>
/// <param name="Checks">
/// Each an R expression over <c>res</c>, <c>d</c> and <c>x</c> (the rows of <c>d</c> complete in every column the
/// analysis uses) giving a numeric vector, and where the same numbers are in the result.
/// </param>
public sealed record RCode(string Call, IReadOnlyList<RCheck> Checks);

/// <summary>
/// One comparison: <see cref="Expression"/>'s numbers, in order, against the result's numbers at <see cref="Paths"/>
/// (each path a sequence of JSON member names of the result, <see cref="RPath.Each"/> for every element of an array).
/// </summary>
/// <param name="Label">What the numbers are, for the script's output (<c>p-value</c>).</param>
/// <param name="Expression">R giving the numbers, from <c>res</c>, <c>d</c> and <c>x</c>.</param>
/// <param name="Paths">Where the same numbers are in the result, in the same order.</param>
/// <param name="Tolerance">Relative (absolute near 0), as <c>all.equal</c>'s.</param>
/// <param name="AbsoluteBelow">
/// Where R's own algorithm keeps only an absolute accuracy: numbers smaller than this are compared absolutely, to
/// <paramref name="AbsoluteTolerance"/>.
/// </param>
/// <param name="AbsoluteTolerance">The absolute tolerance below <paramref name="AbsoluteBelow"/>.</param>
/// <param name="Reason">Why a tolerance other than the default: the script says it in a comment.</param>
public sealed record RCheck(
    string Label, string Expression, IReadOnlyList<RPath> Paths, double Tolerance = RCheck.DefaultTolerance,
    double? AbsoluteBelow = null, double? AbsoluteTolerance = null, string? Reason = null)
{
    public const double DefaultTolerance = 1e-6;

    public RCheck(string label, string expression, params string[] path)
        : this(label, expression, [new RPath(path)])
    {
    }

    /// <summary>
    /// A model's coefficient table, <c>coef(summary(res))</c>, column by column against the result's
    /// <c>coefficients</c>: estimates, standard errors, the test statistic (<paramref name="statistic"/>), p-values.
    /// </summary>
    public static IEnumerable<RCheck> Coefficients(string statistic, string statisticLabel) =>
        new[] { ("estimate", "coefficients"), ("stdError", "standard errors"), (statistic, statisticLabel), ("pValue", "p-values") }
            .Select((c, i) => new RCheck(c.Item2, $"coef(summary(res))[, {i + 1}]", [new RPath("coefficients", RPath.Each, c.Item1)]));
}

/// <summary>A path into a result's JSON form: member names (camelCase, or a dictionary's key as it is), <see cref="Each"/>.</summary>
public sealed record RPath(IReadOnlyList<string> Segments)
{
    /// <summary>Every element of an array, in order (no member name can be this).</summary>
    public const string Each = "\0*";

    public RPath(params string[] segments)
        : this((IReadOnlyList<string>)segments)
    {
    }
}

/// <summary>Writing R: names, strings and numbers as R reads them.</summary>
public static class RText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA",
        "NA_integer_", "NA_real_", "NA_character_", "NA_complex_", "in",
    };

    /// <summary>A column's name in a formula or <c>with()</c>: as it is when R would read it so, else in backticks.</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // R reads no \U escape inside backticks: characters past ASCII stay as they are (the script is UTF-8).
        return IsSyntactic(name, asciiOnly: true) ? name : $"`{Escape(name, '`', keepNonAscii: true)}`";
    }

    /// <summary>
    /// A column's name as R writes it in a model's term names (<c>`my col`</c>, <c>`my col`b</c> for a level; a name R
    /// reads as it is stays so, letters past ASCII included, as R has them in a UTF-8 locale).
    /// </summary>
    public static string Term(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsSyntactic(name, asciiOnly: false) ? name : $"`{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)}`";
    }

    /// <summary>
    /// A name R reads bare: a letter or a dot not before a digit, then letters, digits, dots and underscores, not a
    /// reserved word. <paramref name="asciiOnly"/>: letters of ASCII only (what every locale reads), else any letter
    /// (what R takes in a UTF-8 locale, and writes so in a model's term names).
    /// </summary>
    private static bool IsSyntactic(string name, bool asciiOnly)
    {
        bool Letter(char c) => asciiOnly ? char.IsAsciiLetter(c) : char.IsLetter(c);
        return name.Length > 0 && !Reserved.Contains(name) &&
            (Letter(name[0]) || (name[0] == '.' && !(name.Length > 1 && char.IsAsciiDigit(name[1])))) &&
            name.All(c => Letter(c) || char.IsAsciiDigit(c) || (!asciiOnly && char.IsDigit(c)) || c is '.' or '_');
    }

    /// <summary>A string literal; characters past ASCII as <c>\u{…}</c> escapes, so the script reads alike in any locale.</summary>
    public static string Str(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"\"{Escape(text, '"')}\"";
    }

    /// <summary><c>c("a", "b")</c>.</summary>
    public static string Strs(IEnumerable<string> texts) => $"c({string.Join(", ", texts.Select(Str))})";

    /// <summary>A column of <c>d</c> as a vector: <c>d[["x"]]</c>.</summary>
    public static string Column(string name) => $"d[[{Str(name)}]]";

    /// <summary>A number as R reads it back exactly (round-trip digits); <c>NA</c> for a missing one.</summary>
    public static string Num(double? value) => value switch
    {
        null or double.NaN => "NA",
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        { } v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The grouping in a formula: the column (R's formula methods make a factor of it, levels sorted as ours are), or,
    /// with two groups named, a factor of just those in that order (the other groups' rows become <c>NA</c> and drop out).
    /// </summary>
    /// <remarks>
    /// A numeric column's levels are given as numbers (<c>c(1E-05, 0.5)</c>): R's <c>factor</c> matches values and levels
    /// as R writes them, which is not always as the service names them (<c>1e-05</c> against <c>0.00001</c>).
    /// </remarks>
    public static string Group(string groupBy, IReadOnlyList<string>? groups, bool numeric = false) =>
        groups is null ? Name(groupBy)
        : numeric && groups.All(g => double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? $"factor({Name(groupBy)}, levels = c({string.Join(", ", groups.Select(g => Num(double.Parse(g, NumberStyles.Float, CultureInfo.InvariantCulture))))}))"
            : $"factor({Name(groupBy)}, levels = {Strs(groups)})";

    /// <summary><c>with(x, tapply(y, g, f))</c>: a statistic of each group, in level order, over the rows used.</summary>
    public static string PerGroup(string y, string group, string f) => $"with(x, tapply({y}, {group}, {f}))";

    public static string Bool(bool value) => value ? "TRUE" : "FALSE";

    /// <summary><c>TRUE</c>, <c>FALSE</c> or <c>NULL</c> (R decides).</summary>
    public static string Bool(bool? value) => value is { } v ? Bool(v) : "NULL";

    private static string Escape(string text, char quote, bool keepNonAscii = false)
    {
        var s = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\': s.Append(@"\\"); break;
                case '\n': s.Append(@"\n"); break;
                case '\r': s.Append(@"\r"); break;
                case '\t': s.Append(@"\t"); break;
                case var c when c == quote: s.Append('\\').Append(quote); break;
                case < 0x20 or 0x7F: s.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                case > 0x7F when keepNonAscii: s.Append(rune.ToString()); break;
                case > 0x7F: s.Append(CultureInfo.InvariantCulture, $"\\U{{{rune.Value:x}}}"); break;
                default: s.Append((char)rune.Value); break;
            }
        }

        return s.ToString();
    }
}
