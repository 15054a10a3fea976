using System.Globalization;
using Analysis.Infrastructure.Csv;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// One column of an XLSX sheet or a Parquet file as it is read, under the CSV reader's rules: numeric while every
/// value that is not missing is a finite number, categorical (the cells' text, levels sorted ordinally, at most
/// <see cref="CategoricalColumn.MaxKeptLevels"/> kept) from the first one that is not. Unlike a CSV cell, a typed
/// number keeps no text; when its column turns categorical it becomes its shortest round-trip form (what
/// <c>GET /api/datasets/{id}/csv</c> writes), and a number that came from text in another form (<c>007</c>,
/// <c>1.50</c>) keeps that text aside, so its level is the cell's text as the CSV reader would have it.
/// </summary>
internal sealed class TypedColumnBuilder(string name, int capacity, MissingMarkers missing)
{
    private readonly int _capacity = Math.Max(1, capacity);
    private double[]? _numbers;
    private Dictionary<int, string>? _numberTexts;
    private int[]? _codes;
    private CategoryIndex? _categories;

    public string Name { get; } = name;

    public int Count { get; private set; }

    public bool IsCategorical => _codes is not null;

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
    public void AddText(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        if (missing.IsMissing(trimmed))
        {
            AddMissing();
        }
        else if (_codes is null && NumericText.TryParse(trimmed, out var value))
        {
            if (!text.SequenceEqual(Format(value)))
            {
                (_numberTexts ??= [])[Count] = text.ToString();
            }

            Numbers()[Count++] = value;
        }
        else
        {
            AddLevel(text);
        }
    }

    /// <summary>Text that is never a number: a string column, a boolean, a date.</summary>
    public void AddLevel(ReadOnlySpan<char> text)
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

        Codes()[Count++] = _categories!.CodeOf(text);
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

    /// <summary>Rows read so far were numbers or missing; the numbers become their text.</summary>
    private void BecomeCategorical()
    {
        _categories = new CategoryIndex();
        _codes = new int[Math.Max(_numbers?.Length ?? _capacity, Count + 1)];
        Array.Fill(_codes, CategoricalColumn.MissingCode, 0, Count);
        if (_numbers is not null)
        {
            for (var row = 0; row < Count; row++)
            {
                var value = _numbers[row];
                if (!double.IsNaN(value))
                {
                    _codes[row] = _categories.CodeOf(_numberTexts is not null && _numberTexts.TryGetValue(row, out var text) ? text : Format(value));
                }
            }
        }

        _numbers = null;
        _numberTexts = null;
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
