using System.Xml;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Reads one worksheet of an XLSX workbook into a <see cref="Dataset"/> under the CSV reader's rules (docs/api.md):
/// the first row with a value is the header; a column is numeric when every value that is not missing is a finite
/// number (a number cell, or text that reads as one, as in a CSV), else categorical (the cells' text); a formula
/// gives its cached value; a boolean is the text <c>TRUE</c>/<c>FALSE</c>; a date-formatted number is ISO text
/// (<c>2024-03-01</c>, <c>2024-03-01T12:30:00</c>); an error cell (<c>#N/A</c>) is missing. The workbook is read as a
/// ZIP of XML parts (ADR-0020): nothing is inflated past <see cref="MaxUncompressedBytes"/>, and a part that would
/// inflate more than <see cref="MaxCompressionRatio"/> times is refused before it is read.
/// </summary>
public sealed class XlsxDatasetReader(
    long maxUncompressedBytes = XlsxDatasetReader.DefaultMaxUncompressedBytes,
    int maxCompressionRatio = XlsxDatasetReader.DefaultMaxCompressionRatio)
{
    /// <summary>1 GiB: ten times the largest accepted upload at a typical sheet's 5–10× compression.</summary>
    public const long DefaultMaxUncompressedBytes = 1L << 30;

    /// <summary>Apache POI's bound: a sheet of numbers compresses 5–20 times; a ZIP bomb thousands of times.</summary>
    public const int DefaultMaxCompressionRatio = 100;

    public long MaxUncompressedBytes { get; } = maxUncompressedBytes > 0
        ? maxUncompressedBytes
        : throw new ArgumentOutOfRangeException(nameof(maxUncompressedBytes), "The bound must be positive.");

    public int MaxCompressionRatio { get; } = maxCompressionRatio > 0
        ? maxCompressionRatio
        : throw new ArgumentOutOfRangeException(nameof(maxCompressionRatio), "The ratio must be positive.");

    /// <summary>The workbook's worksheets in order (for a sheet picker). Leaves the stream where it found it.</summary>
    public IReadOnlyList<string> SheetNames(Stream xlsx)
    {
        return Guarded<IReadOnlyList<string>>(xlsx, () =>
        {
            using var package = XlsxPackage.Open(xlsx, new ZipBudget(MaxUncompressedBytes, MaxCompressionRatio));
            return [.. package.Sheets.Select(s => s.Name)];
        });
    }

    /// <summary>The fewest bytes of sheet XML a row with a value takes: <c>&lt;row&gt;&lt;c&gt;&lt;v&gt;1&lt;/v&gt;&lt;/c&gt;&lt;/row&gt;</c>.</summary>
    public const int MinRowBytes = 26;

    /// <summary>
    /// Rows of missing values a sheet may have between its rows with values, past those its size holds: rows the
    /// sheet skips are read as missing, and cost memory its XML does not show.
    /// </summary>
    public const int SkippedRowAllowance = 65_536;

    /// <summary>
    /// What the shared strings take per byte of their XML, at most: an empty <c>&lt;si/&gt;</c> (5 bytes) costs a
    /// reference in a list that may just have doubled (24 bytes); a string's characters take 2 bytes each for 1.
    /// </summary>
    private const int SharedStringBytesPerByte = 5;

    /// <summary>An XML reader's buffers: a node of <see cref="XmlNodeBound.MaxNodeChars"/> at most, held as characters and as a string.</summary>
    private const long XmlReaderBytes = 8L << 20;

    /// <summary>
    /// The sheet's outline before it is read: the workbook's sheets, the one chosen, its header row's width (from its
    /// first cell with a value to its last), and the most rows it can hold — those its XML's size can hold, and
    /// <see cref="SkippedRowAllowance"/> skipped ones — which <see cref="Read"/> holds it to. Reading it holds at most
    /// the columns of that many rows, grown half again at a time; the text of their levels (new strings only where
    /// the sheet's own XML holds the text: a shared string's level is the shared string); its shared strings (as
    /// UTF-16, with each string's own cost); and the XML reader's buffers, which hold no node larger than
    /// <see cref="XmlNodeBound.MaxNodeChars"/>: all in the outline's <see cref="DatasetOutline.ColumnBytes"/>.
    /// </summary>
    public DatasetOutline Outline(Stream xlsx, string? sheet, DatasetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guarded(xlsx, () =>
        {
            using var package = XlsxPackage.Open(xlsx, new ZipBudget(MaxUncompressedBytes, MaxCompressionRatio));
            var (name, part) = Choose(package.Sheets, sheet);
            package.AdmitForReading(part);
            var sharedStrings = package.SharedStringsBytes;
            using var reader = package.OpenSheet(part, out var sheetBytes);
            var width = HeaderWidth(reader);
            var rows = Math.Min(Math.Min(limits.MaxRows, CellReference.MaxRows), (sheetBytes / MinRowBytes) + SkippedRowAllowance);
            var columns = Math.Min(width, limits.MaxColumns);
            return new DatasetOutline(',', columns, rows)
            {
                Format = DatasetFormat.Xlsx,
                Sheets = [.. package.Sheets.Select(s => s.Name)],
                Sheet = name,
                BytesPerCell = 20, // a column of doubles grown half again (old and new arrays at once), or recoded as 4-byte codes
                LevelTextBytes = Math.Min(2 * sheetBytes, (long)Math.Max(1, columns) * CategoricalColumn.MaxKeptLevels * ((2L * XlsxPackage.MaxCellChars) + 32)),
                WorkingBytes = (SharedStringBytesPerByte * sharedStrings) + XmlReaderBytes,
            };
        });
    }

    /// <summary>The number of columns from the first row's first cell with a value to its last (0 for an empty sheet).</summary>
    private static int HeaderWidth(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row" || reader.IsEmptyElement)
            {
                continue;
            }

            int first = -1, last = -1, column = -1;
            var (error, inValue) = (false, false);
            var depth = reader.Depth;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "c":
                        column = reader.GetAttribute("r") is { } r && CellReference.TryParse(r, out var at) ? at.Column : column + 1;
                        error = reader.GetAttribute("t") == "e"; // #N/A and the like are missing, as the reader has them
                        break;
                    case XmlNodeType.Element:
                        // A value (v), or an inline string's text (t); not a formula's text (f).
                        inValue = reader.LocalName is "v" or "t" && !reader.IsEmptyElement;
                        break;
                    case XmlNodeType.EndElement:
                        inValue = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA when inValue && !error && column >= 0:
                        first = first < 0 ? column : first;
                        last = column;
                        break;
                }
            }

            if (last >= 0)
            {
                return last - first + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Reads <paramref name="sheet"/> (by name, exactly; null: the first worksheet). <paramref name="naStrings"/> are
    /// the cells that mean missing (null: <see cref="DatasetFormats.DefaultNaStrings"/>). Throws
    /// <see cref="DatasetFormatException"/> for a damaged or refused file, an unknown sheet (listing the sheets),
    /// a header with an empty, duplicate or merged cell, no data rows, or a sheet past the limits.
    /// </summary>
    public Dataset Read(
        Stream xlsx, DatasetLimits limits, string? sheet = null, IEnumerable<string>? naStrings = null, int? outlinedWidth = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var missing = new MissingMarkers(naStrings);
        return Guarded(xlsx, () =>
        {
            using var package = XlsxPackage.Open(xlsx, new ZipBudget(MaxUncompressedBytes, MaxCompressionRatio));
            var (name, part) = Choose(package.Sheets, sheet);
            package.AdmitForReading(part);
            var sharedStrings = package.ReadSharedStrings();
            var dateStyles = package.ReadDateStyles();
            cancellationToken.ThrowIfCancellationRequested();
            XlsxSheetReader sheetReader;
            using (var reader = package.OpenSheet(part, out var sheetBytes))
            {
                sheetReader = new XlsxSheetReader(name, sharedStrings, dateStyles, package.Date1904, limits, missing, sheetBytes, outlinedWidth);
                sheetReader.Read(reader, cancellationToken);
            }

            if (sheetReader.NeedsTextBefore > 0)
            {
                using var again = package.OpenSheet(part, out _, again: true);
                sheetReader.RecoverText(again, cancellationToken);
            }

            return sheetReader.Build();
        });
    }

    private static (string Name, string Part) Choose(IReadOnlyList<(string Name, string Part)> sheets, string? sheet)
    {
        if (sheets.Count == 0)
        {
            throw new DatasetFormatException("The workbook has no worksheet.");
        }

        if (sheet is null)
        {
            return sheets[0];
        }

        foreach (var candidate in sheets)
        {
            if (candidate.Name == sheet)
            {
                return candidate;
            }
        }

        throw new DatasetFormatException(
            $"The workbook has no sheet '{sheet}'; its sheets are {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}.", "sheet");
    }

    /// <summary>Seekable input, position restored, and a damaged ZIP or XML reported as the format error it is.</summary>
    private static T Guarded<T>(Stream xlsx, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        if (!xlsx.CanSeek)
        {
            throw new ArgumentException("The XLSX stream must be seekable.", nameof(xlsx));
        }

        var start = xlsx.Position;
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException($"The XLSX file is not a readable ZIP archive: {e.Message}");
        }
        catch (XmlException e)
        {
            throw new DatasetFormatException($"The XLSX file's XML is damaged: {e.Message}");
        }
        finally
        {
            xlsx.Position = start;
        }
    }
}
