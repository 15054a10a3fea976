using Analysis.Domain.Datasets;

namespace Analysis.Infrastructure.Csv;

/// <summary>
/// Accumulates one CSV column while it is read. A column stays numeric while every non-missing cell parses
/// as a finite number; at the first cell that does not, it becomes categorical. The numeric cells before that
/// row keep no text, so the reader fetches their exact text in a second pass (<see cref="NeedsTextBefore"/>).
/// </summary>
internal sealed class ColumnBuilder(string name)
{
    private const int ChunkSize = 1 << 16;

    private readonly List<double[]> _numericChunks = [];
    private double[] _currentChunk = new double[ChunkSize];
    private int _inChunk;
    private int _numbersSeen;

    private List<int>? _codes;
    private CategoryIndex? _categories;

    public string Name { get; } = name;

    public int Count { get; private set; }

    public bool IsCategorical => _codes is not null;

    /// <summary>Rows before this one were read as numbers and must be re-read as text (0 when none).</summary>
    public int NeedsTextBefore { get; private set; }

    public void Add(ReadOnlySpan<char> cell)
    {
        var text = cell.Trim();
        if (_codes is not null)
        {
            _codes.Add(NumericText.IsMissing(text) ? CategoricalColumn.MissingCode : _categories!.CodeOf(text));
        }
        else if (NumericText.IsMissing(text))
        {
            AppendNumber(double.NaN);
        }
        else if (NumericText.TryParse(text, out var value))
        {
            AppendNumber(value);
            _numbersSeen++;
        }
        else
        {
            BecomeCategorical(text);
        }

        Count++;
    }

    /// <summary>Second pass: the exact text of a row that was first read as a number.</summary>
    public void SetText(int row, ReadOnlySpan<char> cell)
    {
        var text = cell.Trim();
        _codes![row] = NumericText.IsMissing(text) ? CategoricalColumn.MissingCode : _categories!.CodeOf(text);
    }

    public DataColumn Build()
    {
        if (_codes is null)
        {
            var values = new double[Count];
            var offset = 0;
            foreach (var chunk in _numericChunks)
            {
                chunk.CopyTo(values, offset);
                offset += chunk.Length;
            }

            Array.Copy(_currentChunk, 0, values, offset, _inChunk);
            return new NumericColumn(Name, values);
        }

        var (levels, remap) = _categories!.SortedLevels();
        var codes = new int[_codes.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var c = _codes[i];
            codes[i] = c == CategoricalColumn.MissingCode ? c : remap[c];
        }

        return new CategoricalColumn(Name, codes, levels);
    }

    private void AppendNumber(double value)
    {
        if (_inChunk == _currentChunk.Length)
        {
            _numericChunks.Add(_currentChunk);
            _currentChunk = new double[ChunkSize];
            _inChunk = 0;
        }

        _currentChunk[_inChunk++] = value;
    }

    private void BecomeCategorical(ReadOnlySpan<char> text)
    {
        _categories = new CategoryIndex();
        _codes = new List<int>(Math.Max(16, Count * 2));

        // Rows read so far were numbers or missing; only numbers need their text back.
        for (var i = 0; i < Count; i++)
        {
            _codes.Add(CategoricalColumn.MissingCode);
        }

        NeedsTextBefore = _numbersSeen > 0 ? Count : 0;
        _numericChunks.Clear();
        _currentChunk = [];
        _inChunk = 0;
        _codes.Add(_categories.CodeOf(text));
    }
}

/// <summary>Level text → code, looked up by span so repeated levels allocate nothing.</summary>
internal sealed class CategoryIndex
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _levels = [];

    public CategoryIndex() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int CodeOf(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var code))
        {
            return code;
        }

        var level = text.ToString();
        code = _levels.Count;
        _codes.Add(level, code);
        _levels.Add(level);
        return code;
    }

    /// <summary>The levels in ordinal order, and for each first-seen code its sorted position.</summary>
    public (string[] Levels, int[] Remap) SortedLevels()
    {
        var sorted = _levels.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var remap = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            remap[_codes[sorted[i]]] = i;
        }

        return (sorted, remap);
    }
}
