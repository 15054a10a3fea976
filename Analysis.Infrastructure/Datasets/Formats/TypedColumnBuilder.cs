using System.Globalization;
using Analysis.Infrastructure.Csv;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// One column of an XLSX sheet or a Parquet file as it is read, under the CSV reader's rules: numeric while every
/// value that is not missing is a finite number, categorical (the cells' text, levels sorted ordinally, at most
/// <see cref="CategoricalColumn.MaxKeptLevels"/> kept) from the first one that is not. Unlike a CSV cell, a typed
/// number keeps no text: when its column turns categorical it becomes its shortest round-trip form (what
/// <c>GET /api/datasets/{id}/csv</c> writes). A number that came from text in another form (<c>007</c>, <c>1.50</c>)
/// keeps no text either: as in the CSV reader, a column that had one and turns categorical asks for the text of
/// the rows before (<see cref="NeedsTextBefore"/>), which the XLSX reader reads again, so its level is the cell's text
/// and holding it costs no memory per row.
/// </summary>
internal sealed class TypedColumnBuilder(string name, int capacity, MissingMarkers missing)
{
    private readonly int _capacity = Math.Max(1, capacity);
    private double[]? _numbers;
    private bool _numbersFromOtherText;
    private int[]? _codes;
    private CategoryIndex? _categories;

    public string Name { get; } = name;

    public int Count { get; private set; }

    public bool IsCategorical => _codes is not null;

    /// <summary>Rows before this one were read as numbers and must be given their text (<see cref="SetText"/>); 0 when none.</summary>
    public int NeedsTextBefore { get; private set; }

    public void AddMissing()
    {
        if (_codes is not null)
        {
            Codes()[Count] = CategoricalColumn.MissingCode;
        }
        else if (_numbers is not null)
        {
            Numbers()[Count] = double.NaN;
        }

        Count++;
    }

    /// <summary>A typed number: an XLSX number cell, a Parquet number.</summary>
    public void AddNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            // As in a CSV, "NaN" is missing only as a marker, and "Infinity" is text that makes the column categorical.
            if (double.IsNaN(value) && missing.NaNIsMissing)
            {
                AddMissing();
            }
            else
            {
                AddLevel(Format(value));
            }

            return;
        }

        if (missing.IsMissing(value))
        {
            AddMissing();
        }
        else if (_codes is not null)
        {
            Codes()[Count++] = _categories!.CodeOf(Format(value));
        }
        else
        {
            Numbers()[Count++] = value;
        }
    }

    /// <summary>Text that is a number when it reads as one, as a CSV field is (an XLSX text cell).</summary>
    public void AddText(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (missing.IsMissing(trimmed))
        {
            AddMissing();
        }
        else if (_codes is null && NumericText.TryParse(trimmed, out var value))
        {
            _numbersFromOtherText |= !text.AsSpan().SequenceEqual(Format(value));
            Numbers()[Count++] = value;
        }
        else
        {
            AddLevel(text, text);
        }
    }

    /// <summary>
    /// Text that is never a number: a string column, a boolean, a date. <paramref name="held"/>: the same text as a
    /// string held anyway (an XLSX shared string), kept as the level instead of a copy.
    /// </summary>
    public void AddLevel(ReadOnlySpan<char> text, string? held = null)
    {
        if (missing.IsMissing(text.Trim()))
        {
            AddMissing();
            return;
        }

        if (_codes is null)
        {
            BecomeCategorical();
        }

        Codes()[Count++] = _categories!.CodeOf(text, held);
    }

    /// <summary>The second pass's text of a row before <see cref="NeedsTextBefore"/>: a text cell's, as <see cref="AddText"/> has it.</summary>
    public void SetText(int row, string text) =>
        _codes![row] = missing.IsMissing(text.AsSpan().Trim()) ? CategoricalColumn.MissingCode : _categories!.CodeOf(text, text);

    /// <summary>The second pass's value of a row before <see cref="NeedsTextBefore"/>: a typed number's, as <see cref="AddNumber"/> has it.</summary>
    public void SetNumber(int row, double value)
    {
        if (double.IsFinite(value) ? missing.IsMissing(value) : double.IsNaN(value) && missing.NaNIsMissing)
        {
            _codes![row] = CategoricalColumn.MissingCode;
        }
        else
        {
            SetText(row, Format(value));
        }
    }

    public DataColumn Build()
    {
        if (_codes is null)
        {
            var values = _numbers ?? Numbers();
            return new NumericColumn(Name, values.Length == Count ? values : values[..Count]);
        }

        return _categories!.Column(Name, _codes, Count);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Rows read so far were numbers or missing: the numbers become their text, or, when some came from text in another
    /// form, wait for it (<see cref="NeedsTextBefore"/>).
    /// </summary>
    private void BecomeCategorical()
    {
        _categories = new CategoryIndex();
        _codes = new int[Math.Max(_numbers?.Length ?? _capacity, Count + 1)];
        Array.Fill(_codes, CategoricalColumn.MissingCode, 0, Count);
        if (_numbers is not null && _numbersFromOtherText)
        {
            NeedsTextBefore = Count;
        }
        else if (_numbers is not null)
        {
            for (var row = 0; row < Count; row++)
            {
                var value = _numbers[row];
                if (!double.IsNaN(value))
                {
                    _codes[row] = _categories.CodeOf(Format(value));
                }
            }
        }

        _numbers = null;
    }

    /// <summary>The values' array, allocated (missing so far) at the first value, with room for one more.</summary>
    private double[] Numbers()
    {
        if (_numbers is null)
        {
            _numbers = new double[Math.Max(_capacity, Count + 1)];
            Array.Fill(_numbers, double.NaN, 0, Count);
        }
        else if (Count == _numbers.Length)
        {
            Array.Resize(ref _numbers, Grow(_numbers.Length));
        }

        return _numbers;
    }

    private int[] Codes()
    {
        if (Count == _codes!.Length)
        {
            Array.Resize(ref _codes, Grow(_codes.Length));
        }

        return _codes;
    }

    private static int Grow(int length) => (int)Math.Min(Array.MaxLength, Math.Max(16, length + (length / 2L)));
}
