using System.Globalization;
using System.Text;

namespace Analysis.Domain.Analyses;

/// <summary>
/// A number written as JavaScript's <c>String(number)</c> writes it (ECMAScript's Number::toString): the shortest
/// digits that read back to the same double, in plain notation from 1e-7 up to 1e21 (<c>0.00001</c>,
/// <c>123.5</c>) and in exponent notation outside it (<c>2.5e-7</c>, <c>1e+21</c>). docs/api.md names a numeric
/// grouping column's levels this way, so that a web page and the service spell a level alike.
/// </summary>
public static class JavaScriptNumber
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0"; // also −0, as String(-0)
        }

        // .NET's round-trip text has the same shortest digits; only the layout differs ("1E-05", "2.5E-07").
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        var e = body.IndexOfAny('E', 'e');
        var exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var point = mantissa.IndexOf('.');
        var digits = new StringBuilder(mantissa.Length);
        var pointAt = point < 0 ? mantissa.Length : point;
        foreach (var c in mantissa)
        {
            if (c != '.')
            {
                digits.Append(c);
            }
        }

        // value = 0.d1d2…dk × 10^n, with d1 ≠ 0 and dk ≠ 0
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits.Remove(0, leading);
        pointAt -= leading;
        while (digits.Length > 1 && digits[^1] == '0')
        {
            digits.Length--;
        }

        var k = digits.Length;
        var n = pointAt + exponent;
        var d = digits.ToString();
        var result = n switch
        {
            _ when k <= n && n <= 21 => d + new string('0', n - k),
            > 0 and <= 21 => $"{d[..n]}.{d[n..]}",
            > -6 and <= 0 => "0." + new string('0', -n) + d,
            _ => (k == 1 ? d : $"{d[0]}.{d[1..]}") + "e" + (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture),
        };
        return negative ? "-" + result : result;
    }
}
