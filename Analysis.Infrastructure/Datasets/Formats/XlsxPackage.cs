using System.IO.Compression;
using System.Text;
using System.Xml;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// The parts of an XLSX (an OpenXML ZIP) that a dataset needs — the workbook's sheet list, the shared strings, the
/// number formats that mark dates — read with <see cref="XmlReader"/> (no DTDs, no external entities) through a
/// <see cref="ZipBudget"/>. Elements are matched by local name, so transitional and strict OOXML read alike.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    private const string WorkbookPart = "xl/workbook.xml";
    private const string WorkbookRelationshipsPart = "xl/_rels/workbook.xml.rels";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true, // whitespace inside <t xml:space="preserve"> is significant and kept
        CloseInput = true,
    };

    private readonly ZipArchive _archive;
    private readonly ZipBudget _budget;
    private readonly Dictionary<string, (string Type, string Part)> _relationships;

    private XlsxPackage(ZipArchive archive, ZipBudget budget)
    {
        _archive = archive;
        _budget = budget;
        _relationships = ReadRelationships();
        (Sheets, Date1904) = ReadWorkbook();
    }

    /// <summary>The worksheets in workbook order: their names and the parts that hold them.</summary>
    public IReadOnlyList<(string Name, string Part)> Sheets { get; }

    /// <summary>Dates count from 1904-01-01 (old Mac workbooks), not from Excel's 1900 epoch.</summary>
    public bool Date1904 { get; }

    /// <summary>Opens <paramref name="xlsx"/> (seekable, positioned at the file's first byte or beyond).</summary>
    public static XlsxPackage Open(Stream xlsx, ZipBudget budget)
    {
        var start = xlsx.Position;
        var archive = new ZipArchive(start == 0 ? xlsx : new SubStream(xlsx, start), ZipArchiveMode.Read, leaveOpen: true);
        try
        {
            if (archive.GetEntry(WorkbookPart) is null)
            {
                throw new DatasetFormatException($"The file is a ZIP but not an XLSX workbook: it has no {WorkbookPart}.");
            }

            return new XlsxPackage(archive, budget);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public static XmlReader CreateXmlReader(Stream part) => XmlReader.Create(part, Settings);

    /// <summary>Admits the parts a sheet's reading needs at once, on their declared sizes, before any is inflated.</summary>
    public void AdmitForReading(string sheetPart) =>
        _budget.Admit(Entry(sheetPart), Entry(PartOfType("/sharedStrings")), Entry(PartOfType("/styles")));

    /// <summary>
    /// The sheet's XML, and the size its ZIP record declares (which the budget holds it to). <paramref name="again"/>:
    /// a second pass over a sheet read once already, not counted against the budget's total a second time.
    /// </summary>
    public XmlReader OpenSheet(string part, out long declaredBytes, bool again = false)
    {
        var entry = Entry(part) ?? throw new DatasetFormatException($"The XLSX file has no part {part}, which its workbook names.");
        declaredBytes = entry.Length;
        return CreateXmlReader(_budget.Open(entry, again));
    }

    /// <summary>The size the shared-string table's ZIP record declares (0 without one): what reading it inflates.</summary>
    public long SharedStringsBytes => Entry(PartOfType("/sharedStrings"))?.Length ?? 0;

    /// <summary>The shared-string table (rich text runs joined; phonetic runs left out).</summary>
    public string[] ReadSharedStrings()
    {
        var entry = Entry(PartOfType("/sharedStrings"));
        if (entry is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = CreateXmlReader(_budget.Open(entry));
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(ReadRichText(reader) ?? throw new DatasetFormatException(
                    $"Shared string {strings.Count} of the workbook holds more than {MaxCellChars} characters, more than Excel allows in a cell."));
            }
            else
            {
                reader.Read();
            }
        }

        return [.. strings];
    }

    /// <summary>For each cell style (<c>cellXfs</c> index, a cell's <c>s</c>), whether its number format shows a date.</summary>
    public bool[] ReadDateStyles()
    {
        var entry = Entry(PartOfType("/styles"));
        if (entry is null)
        {
            return [];
        }

        var customDates = new HashSet<int>();
        var styles = new List<bool>();
        using var reader = CreateXmlReader(_budget.Open(entry));
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), out var id) && ExcelDates.IsDateFormat(reader.GetAttribute("formatCode") ?? string.Empty):
                    customDates.Add(id);
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    var numFmtId = int.TryParse(reader.GetAttribute("numFmtId"), out var n) ? n : 0;
                    styles.Add(ExcelDates.IsBuiltInDateFormat(numFmtId) || customDates.Contains(numFmtId));
                    break;
            }
        }

        return [.. styles];
    }

    /// <summary>Excel's most characters in a cell; a longer value is refused rather than read.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The most a cell's rich text may take as written: each character may be a 7-character <c>_xHHHH_</c> escape.</summary>
    private const int MaxEscapedCellChars = 7 * MaxCellChars;

    /// <summary>
    /// The text of an <c>&lt;si&gt;</c> or <c>&lt;is&gt;</c> element: its <c>&lt;t&gt;</c>, or its runs' joined; the reader
    /// is left after the element. OOXML's <c>_xHHHH_</c> escapes (control characters) are undone. Null when the text
    /// is longer than <see cref="MaxCellChars"/> (it is read no further than that allows).
    /// </summary>
    public static string? ReadRichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        var runs = new Pieces();
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
            {
                var text = ReadText(reader, MaxEscapedCellChars);
                if (text is null || runs.Length + text.Length > MaxEscapedCellChars)
                {
                    return null;
                }

                runs.Add(text);
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        var joinedText = Unescape(runs.ToString());
        return joinedText.Length > MaxCellChars ? null : joinedText;
    }

    /// <summary>
    /// The text of the element the reader is on (its text, CDATA and whitespace joined, as
    /// <see cref="XmlReader.ReadElementContentAsString()"/> gives it), the reader left after the element; null when it
    /// is longer than <paramref name="maxChars"/>, read no further than that (each piece is held to
    /// <see cref="XmlNodeBound.MaxNodeChars"/> before it is read).
    /// </summary>
    public static string? ReadText(XmlReader reader, int maxChars = MaxCellChars)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        var pieces = new Pieces();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement when reader.Depth == depth:
                    reader.Read();
                    return pieces.ToString();
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    pieces.Add(reader.Value);
                    if (pieces.Length > maxChars)
                    {
                        return null;
                    }

                    break;
                case XmlNodeType.Element:
                    throw new XmlException($"The element '{reader.LocalName}' is inside a value, which holds only text.");
            }
        }

        throw new XmlException("Unexpected end of file inside a value.");
    }

    public void Dispose() => _archive.Dispose();

    /// <summary>Text read in pieces: one piece (nearly always) is kept as it is, more are joined.</summary>
    private struct Pieces
    {
        private string? _single;
        private StringBuilder? _joined;

        public readonly int Length => _joined?.Length ?? _single?.Length ?? 0;

        public void Add(string piece)
        {
            if (_single is null)
            {
                _single = piece;
            }
            else
            {
                (_joined ??= new StringBuilder(_single)).Append(piece);
            }
        }

        public override readonly string ToString() => _joined?.ToString() ?? _single ?? string.Empty;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' &&
                ushort.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private ZipArchiveEntry? Entry(string? part) => part is null ? null : _archive.GetEntry(part);

    private string? PartOfType(string typeSuffix) =>
        _relationships.Values.FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)).Part;

    private Dictionary<string, (string Type, string Part)> ReadRelationships()
    {
        var relationships = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var entry = _archive.GetEntry(WorkbookRelationshipsPart)
            ?? throw new DatasetFormatException($"The XLSX file has no {WorkbookRelationshipsPart}: it does not say where its sheets are.");
        using var reader = CreateXmlReader(_budget.Open(entry));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" &&
                reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target &&
                reader.GetAttribute("TargetMode") != "External")
            {
                relationships[id] = (reader.GetAttribute("Type") ?? string.Empty, PartName(target));
            }
        }

        return relationships;
    }

    /// <summary>A relationship's target as a ZIP entry name: relative to xl/ (<c>worksheets/sheet1.xml</c>,
    /// <c>../xl/styles.xml</c>), or absolute from the package root (<c>/xl/worksheets/sheet1.xml</c>).</summary>
    private static string PartName(string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target : "xl/" + target).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment.Length > 0 && segment != ".")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private (IReadOnlyList<(string, string)> Sheets, bool Date1904) ReadWorkbook()
    {
        var sheets = new List<(string, string)>();
        var date1904 = false;
        using var reader = CreateXmlReader(_budget.Open(_archive.GetEntry(WorkbookPart)!));
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "workbookPr")
            {
                date1904 = reader.GetAttribute("date1904") is "1" or "true";
            }
            else if (reader.LocalName == "sheet" && reader.GetAttribute("name") is { } name && RelationshipId(reader) is { } id &&
                     _relationships.TryGetValue(id, out var relationship) && relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal))
            {
                sheets.Add((name, relationship.Part));
            }
        }

        return (sheets, date1904);
    }

    /// <summary>The sheet's <c>r:id</c>, in whichever relationships namespace (transitional or strict) it is.</summary>
    private static string? RelationshipId(XmlReader reader)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
            {
                var id = reader.Value;
                reader.MoveToElement();
                return id;
            }
        }

        reader.MoveToElement();
        return null;
    }
}
