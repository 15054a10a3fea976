using System.Globalization;
using System.Xml;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// One worksheet's XML, streamed into columns: its first row with a value is the header, the rows after it are data.
/// Rows with fewer cells are padded as missing, rows missing in between are rows of missing values, empty rows at the
/// end are dropped (Excel keeps formatted but empty rows). Every problem names its sheet and cell.
/// </summary>
internal sealed class XlsxSheetReader(
    string sheet, string[] sharedStrings, bool[] dateStyles, bool date1904, DatasetLimits limits, MissingMarkers missing, long sheetBytes,
    int? outlinedWidth = null)
{
    private readonly List<(int Column, Cell Cell)> _row = [];
    private TypedColumnBuilder[] _builders = [];
    private int _first;
    private int? _headerRow;
    private int _rows;
    private int _pendingEmptyRows;

    private enum CellKind : byte
    {
        Empty,
        Number,
        Text,
        Level,
    }

    private string Where => $"Sheet '{sheet}'";

    /// <summary>The most data rows, skipped ones included, that the sheet's size allows (<see cref="XlsxDatasetReader.Outline"/>).</summary>
    private long RowBound => (sheetBytes / XlsxDatasetReader.MinRowBytes) + XlsxDatasetReader.SkippedRowAllowance;

    /// <summary>Rows before this one of some column were read as numbers and need a second pass (<see cref="RecoverText"/>); 0 when none.</summary>
    public int NeedsTextBefore => _builders.Length == 0 ? 0 : _builders.Max(b => b.NeedsTextBefore);

    /// <summary>The first pass: the header, then every row into the columns, every problem refused.</summary>
    public void Read(XmlReader reader, CancellationToken cancellationToken)
    {
        var header = false;
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "row")
            {
                var previous = rowNumber;
                rowNumber = ReadRow(reader, previous);
                if (!header)
                {
                    header = _row.Count > 0 && ReadHeader(reader, rowNumber);
                }
                else
                {
                    _pendingEmptyRows += rowNumber - previous - 1;
                    AddRow(reader, rowNumber);
                    if ((rowNumber & 0x3FFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
            else if (reader.LocalName == "mergeCell" && header)
            {
                RefuseHeaderMerge(reader.GetAttribute("ref"), rowNumber: null);
            }
        }

        if (!header)
        {
            throw new DatasetFormatException($"{Where} is empty: its first row must be a header row.");
        }

        if (_rows == 0)
        {
            throw new DatasetFormatException($"No data rows: sheet '{sheet}' has a header but no values.");
        }
    }

    /// <summary>
    /// The second pass, over the same sheet read again, for the columns that turned categorical after numbers that came
    /// from text in another form: their rows before that get the text of their cells (a row's place is its row number
    /// less the header's, as the first pass counted it, skipped rows included).
    /// </summary>
    public void RecoverText(XmlReader reader, CancellationToken cancellationToken)
    {
        var until = NeedsTextBefore;
        var rowNumber = 0;
        while (until > 0 && reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                continue;
            }

            rowNumber = ReadRow(reader, rowNumber);
            var index = rowNumber - _headerRow!.Value - 1;
            if (index >= until)
            {
                return;
            }

            if (index < 0)
            {
                continue;
            }

            foreach (var (column, cell) in _row)
            {
                var builder = _builders[column - _first];
                if (index < builder.NeedsTextBefore)
                {
                    if (cell.Kind == CellKind.Number)
                    {
                        builder.SetNumber(index, cell.Number);
                    }
                    else
                    {
                        builder.SetText(index, cell.Text!);
                    }
                }
            }

            if ((rowNumber & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public Dataset Build() => new([.. _builders.Select(b => b.Build())]);

    /// <summary>Reads a <c>&lt;row&gt;</c>'s cells that hold a value into <see cref="_row"/>; returns its row number.</summary>
    private int ReadRow(XmlReader reader, int previous)
    {
        _row.Clear();
        var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previous + 1;
        if (number <= previous || number > CellReference.MaxRows)
        {
            throw new DatasetFormatException($"{Where}: row {number} comes after row {previous}; the sheet's XML is damaged.");
        }

        if (reader.IsEmptyElement)
        {
            return number;
        }

        var depth = reader.Depth;
        var column = -1;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
            {
                var at = ReadCell(reader, number, column + 1, out var cell);
                if (at <= column)
                {
                    throw new DatasetFormatException($"{Where}, cell {new CellReference(at, number)}: the cell comes after column {CellReference.ColumnName(column)}; the sheet's XML is damaged.");
                }

                column = at;
                if (cell.Kind != CellKind.Empty)
                {
                    _row.Add((column, cell));
                }
            }
        }

        return number;
    }

    /// <summary>Reads a <c>&lt;c&gt;</c>; returns its column. The reader is left on the cell's last node.</summary>
    private int ReadCell(XmlReader reader, int rowNumber, int nextColumn, out Cell cell)
    {
        string? reference = null, type = null, style = null;
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            switch (reader.LocalName)
            {
                case "r": reference = reader.Value; break;
                case "t": type = reader.Value; break;
                case "s": style = reader.Value; break;
            }
        }

        reader.MoveToElement();
        var column = nextColumn;
        if (reference is not null)
        {
            if (!CellReference.TryParse(reference, out var parsed))
            {
                throw new DatasetFormatException($"{Where}, row {rowNumber}: '{reference}' is not a cell reference; the sheet's XML is damaged.");
            }

            column = parsed.Column;
        }

        string? value = null, inline = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (reader.LocalName == "v")
                {
                    value = XlsxPackage.ReadText(reader) ?? throw TooLong(column, rowNumber);
                }
                else if (reader.LocalName == "is")
                {
                    inline = XlsxPackage.ReadRichText(reader) ?? throw TooLong(column, rowNumber);
                }
                else
                {
                    reader.Skip(); // <f>: the cached value in <v> is what the formula gave
                }
            }
        }

        cell = Interpret(type, style, value, inline, new CellReference(column, rowNumber));
        return column;
    }

    private DatasetFormatException TooLong(int column, int rowNumber) =>
        new($"{Where}, cell {new CellReference(column, rowNumber)}: more than {XlsxPackage.MaxCellChars} characters, more than Excel allows in a cell.");

    private Cell Interpret(string? type, string? style, string? value, string? inline, CellReference at)
    {
        switch (type)
        {
            case null or "n":
                if (string.IsNullOrEmpty(value))
                {
                    return default; // no value, or a formula never calculated (openpyxl writes <v></v>)
                }

                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new DatasetFormatException($"{Where}, cell {at}: '{value}' is stored as a number but is not one; the sheet's XML is damaged.");
                }

                return IsDateStyle(style) && ExcelDates.ToIsoText(number, date1904) is { } date
                    ? new Cell(CellKind.Level, 0, date)
                    : new Cell(CellKind.Number, number, null);
            case "s":
                if (value is null)
                {
                    return default;
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Length)
                {
                    throw new DatasetFormatException($"{Where}, cell {at}: shared string {value} does not exist; the file is damaged.");
                }

                return Text(sharedStrings[index]);
            case "inlineStr":
                return Text(inline ?? value);
            case "str":
                return Text(value);
            case "b":
                return value is null ? default : new Cell(CellKind.Level, 0, value is "1" or "true" ? "TRUE" : "FALSE");
            case "d":
                return value is null ? default : new Cell(CellKind.Level, 0, ExcelDates.ToIsoText(value));
            default:
                return default; // "e": an error (#DIV/0!, #N/A) is a missing value, as readxl has it
        }

        static Cell Text(string? text) => string.IsNullOrEmpty(text) ? default : new Cell(CellKind.Text, 0, text);
    }

    private bool IsDateStyle(string? style) =>
        style is not null && int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < dateStyles.Length && dateStyles[s];

    /// <summary>The header: from its first to its last cell with a value, every cell a distinct name.</summary>
    private bool ReadHeader(XmlReader reader, int rowNumber)
    {
        _headerRow = rowNumber;
        _first = _row[0].Column;
        var width = _row[^1].Column - _first + 1;
        if (width > limits.MaxColumns)
        {
            throw new DatasetFormatException($"{Where}, row {rowNumber}: {width} columns; at most {limits.MaxColumns} are allowed.");
        }

        // The outline took the header's width from the sheet's first row with a value, and memory was reserved for it;
        // a header found wider (a row above it held only values read as missing) would outgrow that reservation.
        if (outlinedWidth is { } outlined && width > outlined)
        {
            throw new DatasetFormatException(
                $"{Where}, row {rowNumber}: the header has {width} columns, but a row above it has {outlined}. Delete the rows above the header.");
        }

        // A column is allocated at its first value, for the rows the sheet's size holds if each row is full (a value takes
        // at least 15 bytes of XML, a row 11 more), and grows half again at a time past that (sparse rows, skipped rows),
        // never past RowBound: the memory XlsxDatasetReader.Outline reserves covers that growth.
        var capacity = (int)Math.Min(Math.Min(limits.MaxRows, limits.MaxCells / width), Math.Max(16, sheetBytes / (11 + (15L * width))));
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        _builders = new TypedColumnBuilder[width];
        var next = 0;
        foreach (var (column, cell) in _row)
        {
            if (column > _first + next)
            {
                EmptyHeader(reader, new CellReference(_first + next, rowNumber));
            }

            var name = (cell.Kind == CellKind.Number ? cell.Number.ToString("R", CultureInfo.InvariantCulture) : cell.Text!).Trim();
            if (name.Length == 0)
            {
                EmptyHeader(reader, new CellReference(column, rowNumber));
            }

            if (!names.TryAdd(name, column))
            {
                throw new DatasetFormatException(
                    $"{Where}, cell {new CellReference(column, rowNumber)}: column name '{name}' appears twice (cells {new CellReference(names[name], rowNumber)} and {new CellReference(column, rowNumber)}).");
            }

            _builders[next++] = new TypedColumnBuilder(name, capacity, missing);
        }

        return true;
    }

    private void EmptyHeader(XmlReader reader, CellReference cell) =>
        Refuse(reader, $"{Where}, cell {cell}: the header is empty; every column needs a name.");

    /// <summary>
    /// An empty header cell, or a value beyond the header's last name, is most often a merged header: says so if it
    /// is (the merges follow the data, so the rest of the sheet is skimmed for them), else throws <paramref name="message"/>.
    /// </summary>
    private void Refuse(XmlReader reader, string message)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "mergeCell")
            {
                RefuseHeaderMerge(reader.GetAttribute("ref"), _headerRow);
            }
        }

        throw new DatasetFormatException(message);
    }

    private void RefuseHeaderMerge(string? range, int? rowNumber)
    {
        var row = rowNumber ?? _headerRow;
        var parts = range?.Split(':');
        if (row is null || parts is not { Length: 2 } || !CellReference.TryParse(parts[0], out var from) || !CellReference.TryParse(parts[1], out var to))
        {
            return;
        }

        if (from.Row <= row && row <= to.Row)
        {
            throw new DatasetFormatException(
                $"{Where}, cell {new CellReference(Math.Max(from.Column, _first), row.Value)}: the header row has merged cells ({range}); unmerge them so that every column has its own name.");
        }
    }

    private void AddRow(XmlReader reader, int rowNumber)
    {
        if (_row.Count == 0)
        {
            _pendingEmptyRows++; // dropped if no value follows
            return;
        }

        var width = _builders.Length;
        foreach (var (column, _) in _row)
        {
            if (column < _first || column >= _first + width)
            {
                Refuse(reader,
                    $"{Where}, cell {new CellReference(column, rowNumber)}: a value outside the header's columns ({CellReference.ColumnName(_first)} to {CellReference.ColumnName(_first + width - 1)}).");
            }
        }

        var rows = _rows + _pendingEmptyRows + 1L;
        if (rows > limits.MaxRows)
        {
            throw new DatasetFormatException($"More than {limits.MaxRows} data rows (the configured limit).");
        }

        if (rows > RowBound)
        {
            throw new DatasetFormatException(
                $"{Where}, row {rowNumber}: more rows than the sheet's size allows for ({RowBound}): it skips over many empty rows. Delete the empty rows between its values.");
        }

        if (rows * width > limits.MaxCells)
        {
            throw new DatasetFormatException(
                $"More than {limits.MaxCells} cells (rows × columns, the configured limit), reached at sheet '{sheet}', row {rowNumber}.");
        }

        for (; _pendingEmptyRows > 0; _pendingEmptyRows--)
        {
            foreach (var builder in _builders)
            {
                builder.AddMissing();
            }
        }

        var next = 0;
        foreach (var (column, cell) in _row)
        {
            for (; next < column - _first; next++)
            {
                _builders[next].AddMissing();
            }

            var builder = _builders[next++];
            switch (cell.Kind)
            {
                case CellKind.Number: builder.AddNumber(cell.Number); break;
                case CellKind.Text: builder.AddText(cell.Text!); break;
                default: builder.AddLevel(cell.Text, cell.Text); break;
            }
        }

        for (; next < width; next++)
        {
            _builders[next].AddMissing();
        }

        _rows = (int)rows;
    }

    private readonly record struct Cell(CellKind Kind, double Number, string? Text);
}
