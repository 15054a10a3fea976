using System.Globalization;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Excel keeps a date as a number (days since its epoch) and tells it apart only by the cell's number format. This
/// decides which formats are dates and writes such a number as ISO 8601 text: <c>2024-03-01</c>, or
/// <c>2024-03-01T12:30:00</c> when it has a time of day (<c>.fff</c> when it has milliseconds).
/// </summary>
internal static class ExcelDates
{
    /// <summary>The last day Excel can show, 9999-12-31, as a 1900-system serial.</summary>
    private const double MaxSerial = 2_958_466;

    private static readonly DateTime Epoch1900 = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Epoch1904 = new(1904, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Built-in formats that show a date or a time (ECMA-376 part 1, 18.8.30).</summary>
    public static bool IsBuiltInDateFormat(int numFmtId) => numFmtId is (>= 14 and <= 22) or (>= 45 and <= 47);

    /// <summary>
    /// A custom format shows a date or a time when, outside quoted text, escaped characters and bracketed sections
    /// (colours, locales, conditions), it has a y, m, d, h or s: <c>yyyy-mm-dd</c> and <c>h:mm</c> do, <c>0.00"m"</c>
    /// and <c>[Red]#,##0</c> do not.
    /// </summary>
    public static bool IsDateFormat(string formatCode)
    {
        ArgumentNullException.ThrowIfNull(formatCode);
        for (var i = 0; i < formatCode.Length; i++)
        {
            switch (formatCode[i])
            {
                case '"':
                    var close = formatCode.IndexOf('"', i + 1);
                    i = close < 0 ? formatCode.Length : close;
                    break;
                case '[':
                    var end = formatCode.IndexOf(']', i + 1);
                    i = end < 0 ? formatCode.Length : end;
                    break;
                case '\\' or '_' or '*':
                    i++; // the next character is literal text, a padding width or a fill
                    break;
                case ';':
                    return false; // the first section (positive numbers) decides
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }

        return false;
    }

    /// <summary>The serial as ISO text, or null when no date has it (negative, past 9999).</summary>
    public static string? ToIsoText(double serial, bool date1904)
    {
        if (!double.IsFinite(serial) || serial < 0 || serial >= MaxSerial)
        {
            return null;
        }

        // Excel's 1900 system counts a 29 February 1900 that never was (serial 60); before it, days are one off.
        var epoch = date1904 ? Epoch1904 : serial < 60 ? Epoch1900.AddDays(1) : Epoch1900;
        var milliseconds = (long)Math.Round(serial * 86_400_000d, MidpointRounding.AwayFromZero);
        return Format(epoch.AddMilliseconds(milliseconds));
    }

    /// <summary>An ISO 8601 date-time cell (<c>t="d"</c>) in the same form as a serial's.</summary>
    public static string ToIsoText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? Format(when) : text;
    }

    private static string Format(DateTime when) =>
        when.TimeOfDay == TimeSpan.Zero ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : when.Millisecond == 0 ? when.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
        : when.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);
}
