using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// Writes a minimal XLSX by hand (System.IO.Compression and the OpenXML parts as text), so that the tests control
/// every detail the reader must handle: shared and inline strings, formulas with cached values, date formats in
/// styles.xml, several sheets, merged cells, and damaged or oversized parts.
/// </summary>
internal sealed class XlsxTestWorkbook
{
    /// <summary>Cell styles (<c>s</c>): 0 general, 1 a custom <c>yyyy-mm-dd</c> (numFmt 164), 2 built-in 22 (<c>m/d/yy h:mm</c>).</summary>
    public const int DateStyle = 1;

    public const int DateTimeStyle = 2;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly List<(string Name, string Xml, Encoding Encoding)> _sheets = [];
    private readonly List<string> _sharedStrings = [];
    private readonly Dictionary<string, int> _sharedIndex = new(StringComparer.Ordinal);

    /// <summary>A cell written as an inline string (<c>t="inlineStr"</c>), not through the shared-string table.</summary>
    public sealed record Inline(string Text);

    /// <summary>A formula cell with its cached value (a number, or text as <c>t="str"</c>).</summary>
    public sealed record Formula(string Expression, object Cached);

    /// <summary>A number shown with a date format (<see cref="DateStyle"/> or <see cref="DateTimeStyle"/>).</summary>
    public sealed record Dated(double Serial, int Style = DateStyle);

    /// <summary>A cell written as it is given.</summary>
    public sealed record Raw(string Xml);

    /// <summary>
    /// Adds a sheet from rows of values: a double is a number cell, a string a shared string, a bool a boolean, null no
    /// cell at all; <see cref="Inline"/>, <see cref="Formula"/>, <see cref="Dated"/> and <see cref="Raw"/> as they say.
    /// </summary>
    public XlsxTestWorkbook Sheet(string name, object?[][] rows, string? merges = null)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheetData>");
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                xml.Append(Cell($"{(char)('A' + c)}{r + 1}", rows[r][c]));
            }

            xml.Append("</row>");
        }

        xml.Append("</sheetData>");
        if (merges is not null)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<mergeCells count=\"1\"><mergeCell ref=\"{merges}\"/></mergeCells>");
        }

        xml.Append("</worksheet>");
        return SheetXml(name, xml.ToString());
    }

    /// <summary>Adds a sheet whose XML is given whole (written as UTF-8 unless <paramref name="encoding"/> says otherwise).</summary>
    public XlsxTestWorkbook SheetXml(string name, string xml, Encoding? encoding = null)
    {
        _sheets.Add((name, xml, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
        return this;
    }

    public byte[] Build()
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes());
            Write(zip, "_rels/.rels",
                $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Write(zip, "xl/workbook.xml", Workbook());
            Write(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships());
            Write(zip, "xl/styles.xml", Styles);
            Write(zip, "xl/sharedStrings.xml", SharedStrings());
            for (var i = 0; i < _sheets.Count; i++)
            {
                Write(zip, $"xl/worksheets/sheet{i + 1}.xml", _sheets[i].Xml, _sheets[i].Encoding);
            }
        }

        return file.ToArray();
    }

    private string Cell(string at, object? value) => value switch
    {
        null => string.Empty,
        double d => $"<c r=\"{at}\"><v>{d.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
        int i => $"<c r=\"{at}\"><v>{i}</v></c>",
        bool b => $"<c r=\"{at}\" t=\"b\"><v>{(b ? 1 : 0)}</v></c>",
        string s => $"<c r=\"{at}\" t=\"s\"><v>{Shared(s)}</v></c>",
        Inline s => $"<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(s.Text)}</t></is></c>",
        Formula { Cached: string text } f => $"<c r=\"{at}\" t=\"str\"><f>{SecurityElement.Escape(f.Expression)}</f><v>{SecurityElement.Escape(text)}</v></c>",
        Formula f => $"<c r=\"{at}\"><f>{SecurityElement.Escape(f.Expression)}</f><v>{Convert.ToString(f.Cached, CultureInfo.InvariantCulture)}</v></c>",
        Dated d => $"<c r=\"{at}\" s=\"{d.Style}\"><v>{d.Serial.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
        Raw raw => raw.Xml,
        _ => throw new ArgumentException($"No cell for {value.GetType()}.", nameof(value)),
    };

    private int Shared(string text)
    {
        if (!_sharedIndex.TryGetValue(text, out var index))
        {
            index = _sharedStrings.Count;
            _sharedStrings.Add(text);
            _sharedIndex[text] = index;
        }

        return index;
    }

    private string ContentTypes()
    {
        var sheets = string.Concat(Enumerable.Range(1, _sheets.Count).Select(i =>
            $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            sheets + "</Types>";
    }

    private string Workbook() =>
        $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>" +
        string.Concat(_sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) +
        "</sheets></workbook>";

    private string WorkbookRelationships() =>
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        string.Concat(_sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) +
        $"<Relationship Id=\"rIdS\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/>" +
        $"<Relationship Id=\"rIdT\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
        "</Relationships>";

    private static string Styles =>
        $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"3\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"22\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>" +
        "</styleSheet>";

    private string SharedStrings() =>
        $"<sst xmlns=\"{Main}\" count=\"{_sharedStrings.Count}\" uniqueCount=\"{_sharedStrings.Count}\">" +
        string.Concat(_sharedStrings.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) +
        "</sst>";

    private static void Write(ZipArchive zip, string name, string text, Encoding? encoding = null)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        entry.Write(encoding.GetPreamble());
        entry.Write(encoding.GetBytes(text));
    }
}
