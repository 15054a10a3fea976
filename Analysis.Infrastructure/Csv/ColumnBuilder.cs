using nietras.SeparatedValues;

namespace Analysis.Infrastructure.Csv;

/// <summary>
/// Accumulates one CSV column while it is read, straight into an array sized from the file's line count (so a
/// column is allocated once, not grown and copied) — allocated at its first value, so a column of empty cells
/// takes no memory while the file is read. A column stays numeric while every non-missing cell parses
/// as a finite number; at the first cell that does not, it becomes categorical. The numeric cells before that
/// row keep no text, so the reader fetches their exact text in a second pass (<see cref="NeedsTextBefore"/>).
/// </summary>
internal sealed class ColumnBuilder(string name, int capacity, MissingValues missing)
{
    // Sep's parser bends some text into numbers ("1,5" with a thousands separator); it only sees plain numerals.
    private static readonly System.Buffers.SearchValues<char> NumeralChars = System.Buffers.SearchValues.Create("0123456789+-.eE");

    private readonly int _capacity = Math.Max(1, capacity);
    private double[]? _numbers;
    private int _numbersSeen;

    private int[]? _codes;
    private CategoryIndex? _categories;

    public string Name { get; } = name;

    public int Count { get; private set; }

    public bool IsCategorical => _codes is not null;

    /// <summary>Rows before this one were read as numbers and must be re-read as text (0 when none).</summary>
    public int NeedsTextBefore { get; private set; }

    /// <summary>
    /// Adds a cell. The common case — a plain number in a numeric column — takes Sep's fast (correctly rounded)
    /// parser; anything it does not take goes through <see cref="NumericText"/>, which has the last word.
    /// </summary>
    public void Add(SepReader.Col cell)
    {
        if (_codes is null && !missing.HasNumerals && !cell.Span.IsEmpty && !cell.Span.ContainsAnyExcept(NumeralChars) &&
            cell.TryParse<double>(out var value) && double.IsFinite(value) && Numbers().Length > Count)
        {
            _numbers![Count++] = value;
            _numbersSeen++;
            return;
        }

        Add(cell.Span);
    }

    /// <remarks>
    /// The reader has taken off the spaces around the field; spaces left are inside quotes and belong to a level's
    /// text (docs/api.md: <c>" a"</c> and <c>"a"</c> are different levels). Whether a cell is missing or a number is
    /// decided on its text without them, as R's <c>type.convert</c> does.
    /// </remarks>
    public void Add(ReadOnlySpan<char> cell)
    {
        var text = cell.Trim();
        if (_codes is not null)
        {
            if (Count == _codes.Length)
            {
                Array.Resize(ref _codes, Grow(_codes.Length));
            }

            _codes[Count] = missing.IsMissing(text) ? CategoricalColumn.MissingCode : _categories!.CodeOf(cell);
        }
        else
        {
            if (missing.IsMissing(text))
            {
                if (_numbers is not null)
                {
                    EnsureRoom();
                    _numbers[Count] = double.NaN;
                }
            }
            else if (NumericText.TryParse(text, out var value))
            {
                Numbers();
                EnsureRoom();
                _numbers![Count] = value;
                _numbersSeen++;
            }
            else
            {
                BecomeCategorical(cell);
            }
        }

        Count++;
    }

    /// <summary>Second pass: the exact text of a row that was first read as a number.</summary>
    public void SetText(int row, ReadOnlySpan<char> cell)
    {
        _codes![row] = missing.IsMissing(cell.Trim()) ? CategoricalColumn.MissingCode : _categories!.CodeOf(cell);
    }

    public DataColumn Build()
    {
        if (_codes is null)
        {
            // A column with no value at all is allocated only now, when it is known to be kept.
            var values = _numbers ?? Numbers();
            if (values.Length != Count)
            {
                Array.Resize(ref values, Count);
            }

            return new NumericColumn(Name, values);
        }

        return _categories!.Column(Name, _codes, Count);
    }

    /// <summary>The values' array, allocated (missing so far) at the first value.</summary>
    private double[] Numbers()
    {
        if (_numbers is null)
        {
            _numbers = new double[Math.Max(_capacity, Count + 1)];
            Array.Fill(_numbers, double.NaN, 0, Count);
        }

        return _numbers;
    }

    private void EnsureRoom()
    {
        if (Count == _numbers!.Length)
        {
            Array.Resize(ref _numbers, Grow(_numbers.Length));
        }
    }

    private static int Grow(int length) => (int)Math.Min(Array.MaxLength, Math.Max(16, length + (length / 2L)));

    private void BecomeCategorical(ReadOnlySpan<char> text)
    {
        _categories = new CategoryIndex();
        _codes = new int[Math.Max(_numbers?.Length ?? _capacity, Count + 1)];

        // Rows read so far were numbers or missing; only numbers need their text back.
        Array.Fill(_codes, CategoricalColumn.MissingCode, 0, Count);
        NeedsTextBefore = _numbersSeen > 0 ? Count : 0;
        _numbers = null;
        _codes[Count] = _categories.CodeOf(text);
    }
}
