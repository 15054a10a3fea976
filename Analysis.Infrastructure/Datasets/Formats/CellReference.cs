namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>An A1-style cell reference: a 0-based column and a 1-based row, as error messages name cells.</summary>
internal readonly record struct CellReference(int Column, int Row)
{
    /// <summary>Excel's last column, XFD.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Excel's last row.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary><c>"C12"</c> → (2, 12); the row may be absent (<c>"C"</c>, as in a range of whole columns) → row 0.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CellReference reference)
    {
        reference = default;
        var column = 0;
        var i = 0;
        for (; i < text.Length && char.IsAsciiLetter(text[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            if (column > MaxColumns)
            {
                return false;
            }
        }

        if (i == 0)
        {
            return false;
        }

        var row = 0;
        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (row = (row * 10) + (text[i] - '0')) > MaxRows)
            {
                return false;
            }
        }

        reference = new CellReference(column - 1, row);
        return true;
    }

    public static string ColumnName(int column)
    {
        Span<char> letters = stackalloc char[4];
        var at = letters.Length;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters[--at] = (char)('A' + ((n - 1) % 26));
        }

        return new string(letters[at..]);
    }

    public override string ToString() => $"{ColumnName(Column)}{Row}";
}
