using System.Globalization;
using System.Text;

namespace Analysis.Application.Datasets.Stored;

/// <summary>
/// A stored dataset written as text the way the service reads it back: numbers in round-trip form, missing values as
/// empty cells, RFC 4180 quoting wherever a cell could be read otherwise.
/// </summary>
public static class StoredDatasetText
{
    /// <summary>
    /// A value of a column with more than <see cref="CategoricalColumn.MaxKeptLevels"/> distinct texts whose text was
    /// not kept (no analysis can use such a column): written as this, so the cell stays present, not missing.
    /// </summary>
    public const string NotKept = "\u2026";

    /// <summary>What makes a field need quotes (any delimiter the reader detects, a quote, a line break).</summary>
    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",;\t\"\r\n");

    /// <summary>One cell's text, unquoted: what the preview shows.</summary>
    public static string Cell(DataColumn column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            NumericColumn numeric => double.IsNaN(numeric.Values[row]) ? string.Empty : numeric.Values[row].ToString("R", CultureInfo.InvariantCulture),
            CategoricalColumn categorical => categorical.Codes[row] switch
            {
                CategoricalColumn.MissingCode => string.Empty,
                CategoricalColumn.BeyondLevelsCode => NotKept,
                var code => categorical.Levels[code],
            },
            _ => throw new ArgumentException($"Unknown column kind {column.GetType().Name}.", nameof(column)),
        };
    }

    /// <summary>A field as CSV: quoted when it holds a delimiter, a quote, a line break, or spaces at either end.</summary>
    public static void AppendField(StringBuilder line, string text)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(text);
        var quote = text.AsSpan().IndexOfAny(NeedsQuotes) >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        if (!quote)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>The whole dataset as CSV lines (header first), a line at a time, each ending in CRLF.</summary>
    public static IEnumerable<string> Lines(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var line = new StringBuilder();
        for (var c = 0; c < dataset.Columns.Count; c++)
        {
            if (c > 0)
            {
                line.Append(',');
            }

            AppendField(line, dataset.Columns[c].Name);
        }

        yield return line.Append("\r\n").ToString();
        for (var row = 0; row < dataset.RowCount; row++)
        {
            line.Clear();
            for (var c = 0; c < dataset.Columns.Count; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                AppendField(line, Cell(dataset.Columns[c], row));
            }

            yield return line.Append("\r\n").ToString();
        }
    }
}
