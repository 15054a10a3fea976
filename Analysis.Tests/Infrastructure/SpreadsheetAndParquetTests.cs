using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;
using Analysis.Infrastructure.Datasets.Formats;
using static Analysis.Tests.Infrastructure.XlsxTestWorkbook;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// XLSX uploads read as the CSV reader reads the same data (issue #19; Parquet in <see cref="ParquetDatasetReaderTests"/>):
/// every workbook here is written by the test, and the dataset it gives is compared, column by column, with what
/// <see cref="SepDatasetReader"/> gives for the same data written as CSV.
/// </summary>
public sealed class SpreadsheetAndParquetTests
{
    private static readonly DatasetLimits Limits = new(1000, 50);

    // The same table three ways: a workbook's cells (shared strings, an inline string, formulas with cached values,
    // booleans, date-formatted numbers, text that reads as a number, empty cells, NA) and this CSV.
    private const string TableCsv =
        "x,g,n,flag,when,mixed,code\n" +
        "1.5,a,3,TRUE,2024-03-01,1,007\n" +
        "-2,b,4,FALSE,2024-03-01T12:30:00,x,3\n" +
        "0.001,a,,TRUE,,2.5,abc\n" +
        ",,5,,2024-03-02,,\n" +
        "NA,\" b\",6,FALSE,2024-03-01,1,NA\n" +
        "7,ab c,7,TRUE,2024-03-01,x,3\n";

    private static object?[][] TableCells =>
    [
        ["x", "g", new Inline("n"), "flag", "when", "mixed", "code"],
        [1.5, "a", new Formula("1+2", 3.0), true, new Dated(45352), 1.0, "007"],
        [-2.0, new Inline("b"), new Formula("N2+1", 4.0), false, new Dated(45352.520833333336, DateTimeStyle), "x", 3.0],
        [1e-3, new Formula("G2&\"\"", "a"), null, true, null, 2.5, "abc"],
        [null, null, 5.0, null, new Dated(45353), null],
        ["NA", new Inline(" b"), 6.0, false, new Dated(45352), "1", "NA"],
        [7.0, new Raw("<c r=\"B7\" t=\"inlineStr\"><is><r><t>ab</t></r><r><t xml:space=\"preserve\"> c</t></r><rPh><t>x</t></rPh></is></c>"), 7.0, true, new Dated(45352), "x", new Formula("1+2", 3.0)],
    ];

    private static Dataset Csv(string csv) =>
        SepDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Limits, CancellationToken.None);

    private static Dataset Xlsx(byte[] file, string? sheet = null, IEnumerable<string>? naStrings = null, DatasetLimits? limits = null) =>
        new XlsxDatasetReader().Read(new MemoryStream(file), limits ?? Limits, sheet, naStrings, cancellationToken: CancellationToken.None);

    private static string[] Levels(Dataset d, string name) => ((CategoricalColumn)d.Find(name)!).Levels;

    private static double[] Numbers(Dataset d, string name) => ((NumericColumn)d.Find(name)!).Values;

    [Test]
    public void ReadXlsx_EveryKindOfCell_GivesTheDatasetOfTheSameCsv()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", TableCells).Build();

        var d = Xlsx(file);

        DatasetAssert.Same(d, Csv(TableCsv));
        Assert.Multiple(() =>
        {
            Assert.That(Levels(d, "when"), Is.EqualTo(new[] { "2024-03-01", "2024-03-01T12:30:00", "2024-03-02" }));
            Assert.That(Levels(d, "code"), Is.EqualTo(new[] { "007", "3", "abc" }));
            Assert.That(Levels(d, "g"), Is.EqualTo(new[] { " b", "a", "ab c", "b" }));
            Assert.That(Levels(d, "flag"), Is.EqualTo(new[] { "FALSE", "TRUE" }));
            Assert.That(d.Find("x")!.MissingCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void ReadXlsx_ShortRowsAndGaps_ArePaddedAsMissing_TrailingEmptyRowsDropped()
    {
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:C9\"/><sheetData>" +
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>c</t></is></c></row>" +
            "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>" +
            "<row r=\"4\"><c r=\"C4\"><v>3</v></c></row>" +
            "<row r=\"5\"><c><v>5</v></c><c><v>6</v></c></row>" +
            "<row r=\"8\"><c r=\"A8\" s=\"0\"/></row></sheetData></worksheet>";

        var d = Xlsx(new XlsxTestWorkbook().SheetXml("S", sheet).Build());

        DatasetAssert.Same(d, Csv("a,b,c\n1,,\n,,\n,,3\n5,6,\n"));
    }

    [Test]
    public void ReadXlsx_SheetByName_ReadsThatSheet_AndSheetNamesListsThemInOrder()
    {
        var file = new XlsxTestWorkbook()
            .Sheet("Data", [["x"], [1.0]])
            .Sheet("Other sheet", [["y", "z"], [2.0, "u"], [3.0, "v"]])
            .Build();

        var reader = new XlsxDatasetReader();
        var stream = new MemoryStream(file);
        Assert.That(reader.SheetNames(stream), Is.EqualTo(new[] { "Data", "Other sheet" }));
        Assert.That(stream.Position, Is.Zero);
        DatasetAssert.Same(Xlsx(file, "Other sheet"), Csv("y,z\n2,u\n3,v\n"));
        DatasetAssert.Same(Xlsx(file), Csv("x\n1\n"));
    }

    [Test]
    public void ReadXlsx_UnknownSheet_IsRefusedListingTheSheets()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", [["x"], [1.0]]).Sheet("Notes", [["y"], [1.0]]).Build();

        var e = Assert.Throws<DatasetFormatException>(() => Xlsx(file, "Results"))!;

        Assert.That(e.Message, Is.EqualTo("The workbook has no sheet 'Results'; its sheets are 'Data', 'Notes'."));
    }

    [Test]
    public void ReadXlsx_MergedHeaderCell_IsRefusedNamingTheCell()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", [["x", "group", null], [1.0, "a", "b"]], merges: "B1:C1").Build();

        var e = Assert.Throws<DatasetFormatException>(() => Xlsx(file))!;

        Assert.That(e.Message, Does.StartWith("Sheet 'Data', cell B1: the header row has merged cells (B1:C1)"));
    }

    [Test]
    public void ReadXlsx_MergedHeaderCellsOverRows_AreRefusedToo()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", [["x", "y"], [null, 2.0], [1.0, 3.0]], merges: "A1:A2").Build();

        Assert.That(() => Xlsx(file), Throws.TypeOf<DatasetFormatException>().With.Message.StartsWith("Sheet 'Data', cell A1: the header row has merged cells (A1:A2)"));
    }

    [TestCase(new[] { "x", null, "y" }, "Sheet 'Data', cell B1: the header is empty; every column needs a name.")]
    [TestCase(new[] { "x", " ", "y" }, "Sheet 'Data', cell B1: the header is empty; every column needs a name.")]
    [TestCase(new[] { "x", "y", "x" }, "Sheet 'Data', cell C1: column name 'x' appears twice (cells A1 and C1).")]
    public void ReadXlsx_BadHeader_IsRefusedNamingTheCell(string?[] header, string message)
    {
        var file = new XlsxTestWorkbook().Sheet("Data", [[.. header], [1.0, 2.0, 3.0]]).Build();

        Assert.That(() => Xlsx(file), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo(message));
    }

    [Test]
    public void ReadXlsx_NoDataRowsOrPastTheLimits_IsRefused()
    {
        var headerOnly = new XlsxTestWorkbook().Sheet("Data", [["x", "y"]]).Build();
        var rows = new XlsxTestWorkbook().Sheet("Data", [["x"], [1.0], [2.0], [3.0]]).Build();
        var wide = new XlsxTestWorkbook().Sheet("Data", [["a", "b", "c"], [1.0, 2.0, 3.0]]).Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => Xlsx(headerOnly), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("No data rows: sheet 'Data' has a header but no values."));
            Assert.That(() => Xlsx(rows, limits: new DatasetLimits(2, 50)), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("More than 2 data rows (the configured limit)."));
            Assert.That(() => Xlsx(wide, limits: new DatasetLimits(10, 2)), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("Sheet 'Data', row 1: 3 columns; at most 2 are allowed."));
            Assert.That(() => Xlsx(wide, limits: new DatasetLimits(10, 5, 2)), Throws.TypeOf<DatasetFormatException>().With.Message.StartsWith("More than 2 cells (rows × columns, the configured limit), reached at sheet 'Data', row 2."));
        });
    }

    [Test]
    public void ReadXlsx_NaStrings_MakeThoseCellsMissing_NumbersAndText()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", [["x", "g"], [-99.0, "."], [1.0, "a"], [new Inline("-99"), "NA"], [2.0, "-99"]]).Build();

        var d = Xlsx(file, naStrings: ["-99", "."]);

        Assert.Multiple(() =>
        {
            Assert.That(Numbers(d, "x"), Is.EqualTo(new[] { double.NaN, 1, double.NaN, 2 }));
            Assert.That(d.Find("g")!.MissingCount, Is.EqualTo(2));
            Assert.That(Levels(d, "g"), Is.EqualTo(new[] { "NA", "a" })); // "NA" is no marker here
        });
    }

    [Test]
    public void ReadXlsx_ZipBomb_IsRefusedBeforeInflating()
    {
        var bomb = Bomb(200L << 20, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var byRatio = Assert.Throws<DatasetFormatException>(() =>
            new XlsxDatasetReader(maxUncompressedBytes: 50L << 20).Read(new MemoryStream(bomb), Limits, null, null, cancellationToken: CancellationToken.None))!;
        var bySize = Assert.Throws<DatasetFormatException>(() =>
            new XlsxDatasetReader(maxUncompressedBytes: 50L << 20, maxCompressionRatio: 10_000).Read(new MemoryStream(bomb), Limits))!;

        Assert.Multiple(() =>
        {
            Assert.That(byRatio.Message, Does.Match(@"^The XLSX part 'xl/worksheets/sheet1\.xml' would inflate \d+ times \(more than 100 is refused as a likely ZIP bomb\)\.$"));
            Assert.That(bySize.Message, Is.EqualTo("The XLSX file inflates to more than 52428800 bytes (the limit); it is refused as a likely ZIP bomb."));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(8L << 20));
        });
    }

    [Test]
    public void ReadXlsx_PartThatLiesAboutItsSize_IsRefusedWhileInflating()
    {
        var bomb = Bomb(200L << 20, out var declared);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        // The sheet's records now say 1,000 bytes: too few for the ratio to refuse it up front. .NET's ZipArchive stops
        // inflating at the declared size itself (so what is refused is the XML cut short there); the reader's own count
        // against the declared size stands behind it.
        Patch(bomb, declared, 1000);
        var e = Assert.Throws<DatasetFormatException>(() => Xlsx(bomb))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("The XLSX file's XML is damaged: Unexpected end of file")
                .Or.EqualTo("The XLSX part 'xl/worksheets/sheet1.xml' inflates to more than the 1000 bytes its ZIP record declares; the file is refused."));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(8L << 20));
        });
    }

    [Test]
    public void ReadXlsx_TotalPastTheBound_IsRefusedFromTheDeclaredSizes()
    {
        var file = new XlsxTestWorkbook().Sheet("Data", TableCells).Build();

        Assert.That(() => new XlsxDatasetReader(maxUncompressedBytes: 1500).Read(new MemoryStream(file), Limits),
            Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("The XLSX file inflates to more than 1500 bytes (the limit); it is refused as a likely ZIP bomb."));
    }


    /// <summary>
    /// The outline's header width (what memory is reserved for) agrees with the reader's header: a row above it that
    /// holds only an error cell is not taken for the header; one the outline cannot tell from a header (an empty
    /// shared string) makes a wider header below it a 400, never a read past the reservation.
    /// </summary>
    [Test]
    public async Task Outline_FindsTheHeaderTheReaderFinds_AndAWiderHeaderBelowItsRow_IsRefused()
    {
        var reader = new UploadedFileReader(new XlsxDatasetReader(), new ParquetDatasetReader(), Microsoft.Extensions.Options.Options.Create(new Analysis.Application.Common.AnalysisOptions()));
        object?[] header = ["a", "b", "c", "d", "e"];
        object?[] values = [1.0, 2.0, 3.0, 4.0, 5.0];
        var errorAbove = new XlsxTestWorkbook().Sheet("S", [[new XlsxTestWorkbook.Raw("<c r=\"A1\" t=\"e\"><v>#N/A</v></c>")], header, values]).Build();
        var emptyAbove = new XlsxTestWorkbook().Sheet("S", [[string.Empty], header, values]).Build();

        var outline = await reader.OutlineAsync(new MemoryStream(errorAbove), null, CancellationToken.None);
        var read = await reader.ReadAsync(new MemoryStream(errorAbove), outline, Limits, CancellationToken.None);
        var emptyOutline = await reader.OutlineAsync(new MemoryStream(emptyAbove), null, CancellationToken.None);
        var refused = Assert.ThrowsAsync<DatasetFormatException>(() => reader.ReadAsync(new MemoryStream(emptyAbove), emptyOutline, Limits, CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(outline.Columns, Is.EqualTo(5));
            Assert.That(read.Columns.Select(c => c.Name), Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
            Assert.That(emptyOutline.Columns, Is.EqualTo(1));
            Assert.That(refused.Message, Is.EqualTo("Sheet 'S', row 2: the header has 5 columns, but a row above it has 1. Delete the rows above the header."));
        });
    }
    private const string SheetStart =
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>";

    private const string SheetEnd = "</sheetData></worksheet>";

    /// <summary>
    /// An XML reader holds a whole node at once: a start tag with its attributes, a text, a comment, a CDATA section.
    /// Each sheet here has one node of 16 Mi characters (inflating well within the ZIP bound); it is refused when the
    /// node passes 1 Mi characters, having allocated a fraction of what holding it would (32 MB as characters). A
    /// <c>&gt;</c> inside a quoted attribute does not end the tag, a <c>&lt;</c> inside CDATA does not end the
    /// section, and in a UTF-16 part a character whose low byte is <c>&lt;</c> is not one.
    /// </summary>
    [TestCase("text")]
    [TestCase("attribute")]
    [TestCase("comment")]
    [TestCase("cdata")]
    [TestCase("utf16")]
    public void ReadXlsx_OneHugeXmlNode_IsRefusedBeforeTheReaderHoldsIt(string node)
    {
        const int Chars = 16 << 20;
        var sheet = node switch
        {
            "text" => $"{SheetStart}<row r=\"2\"><c r=\"A2\"><v>{new string('7', Chars)}</v></c></row>{SheetEnd}",
            "attribute" => $"{SheetStart}<row r=\"2\" spans=\"1>{new string('1', Chars)}\"><c r=\"A2\"><v>1</v></c></row>{SheetEnd}",
            "comment" => $"{SheetStart}<!--{new string('-', 1)} {new string('c', Chars)}-->{SheetEnd}",
            "cdata" => $"{SheetStart}<row r=\"2\"><c r=\"A2\" t=\"str\"><v><![CDATA[{string.Concat(Enumerable.Repeat(new string('d', 1023) + "<", Chars / 1024))}]]></v></c></row>{SheetEnd}",
            _ => $"<?xml version=\"1.0\" encoding=\"UTF-16\"?>{SheetStart}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{new string('\u3C3C', Chars)}</t></is></c></row>{SheetEnd}",
        };
        var file = new XlsxTestWorkbook().SheetXml("S", sheet, node == "utf16" ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true) : null).Build();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<DatasetFormatException>(() =>
            new XlsxDatasetReader(maxCompressionRatio: 1_000_000).Read(new MemoryStream(file), Limits))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Is.EqualTo(
                "The XLSX part 'xl/worksheets/sheet1.xml' has a single XML node (a tag, a text or a comment) of more than 1048576 characters; no cell holds that much, so the file is refused."));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(12L << 20));
        });
    }

    /// <summary>
    /// The node bound on its own, fed in chunks as an XML reader reads: a comment opened across two chunks (<c>&lt;</c>
    /// ending one, <c>!--</c> starting the next) and full of <c>&lt;</c> is one node; a megabyte of short nodes is
    /// not; a node of exactly the bound passes and one character more does not.
    /// </summary>
    [Test]
    public void XmlNodeBound_MeasuresNodesAcrossChunks()
    {
        static void Feed(string xml, int chunk)
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            var bound = new XmlNodeBound("part");
            for (var at = 0; at < bytes.Length; at += chunk)
            {
                bound.Scan(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
            }
        }

        var max = XmlNodeBound.MaxNodeChars;
        var comment = "<a>" + "<" + "!--" + string.Concat(Enumerable.Repeat("x<", max / 2)) + "-->";
        var small = string.Concat(Enumerable.Repeat("<c><v>1</v></c>", max / 8));

        Assert.Multiple(() =>
        {
            Assert.That(() => Feed(comment, 4), Throws.TypeOf<DatasetFormatException>(), "opened across chunks");
            Assert.That(() => Feed(comment, 4096), Throws.TypeOf<DatasetFormatException>());
            Assert.That(() => Feed(small, 4096), Throws.Nothing);
            Assert.That(() => Feed("<v>" + new string('1', max - 3) + "</v>", 4096), Throws.Nothing, "'<v>' and its text: exactly the bound");
            Assert.That(() => Feed("<v>" + new string('1', max - 2) + "</v>", 4096), Throws.TypeOf<DatasetFormatException>());
        });
    }

    /// <summary>
    /// A cell holds at most 32,767 characters (Excel's limit): one at the limit is read — also when its rich text is
    /// longer as written, with <c>_x000D_</c> escapes — and one past it is refused naming it, however its text is cut
    /// into pieces (CDATA sections and comments, rich-text runs) that the reader would join.
    /// </summary>
    [Test]
    public void ReadXlsx_ACellPastExcelsLimit_IsRefusedNamingIt_OneAtTheLimitIsRead()
    {
        var atLimit = new string('a', 32_767);
        var escaped = new string('e', 31_767) + string.Concat(Enumerable.Repeat("_x000D_", 1000));
        var pieces = string.Concat(Enumerable.Repeat($"<![CDATA[{new string('b', 1000)}]]><!-- a comment -->", 33));
        var runs = $"<r><t>{new string('c', 20_000)}</t></r><r><t>{new string('c', 20_000)}</t></r>";
        Dataset Sheet(params object?[][] rows) => Xlsx(new XlsxTestWorkbook().Sheet("S", [["t"], .. rows]).Build());

        var read = Sheet([atLimit], [new Inline(atLimit)], [new Raw($"<c r=\"A4\" t=\"inlineStr\"><is><t>{escaped}</t></is></c>")]);

        Assert.Multiple(() =>
        {
            Assert.That(Levels(read, "t").Select(l => l.Length), Is.EqualTo(new[] { 32_767, 32_767 }));
            Assert.That(Levels(read, "t")[1], Does.EndWith("\r\r\r"));
            Assert.That(() => Sheet([1.0], [new Raw($"<c r=\"A3\" t=\"str\"><v>{pieces}</v></c>")]),
                Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("Sheet 'S', cell A3: more than 32767 characters, more than Excel allows in a cell."));
            Assert.That(() => Sheet([new Raw($"<c r=\"A2\" t=\"inlineStr\"><is>{runs}</is></c>")]),
                Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("Sheet 'S', cell A2: more than 32767 characters, more than Excel allows in a cell."));
            Assert.That(() => Sheet([atLimit + "!"]),
                Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("Shared string 1 of the workbook holds more than 32767 characters, more than Excel allows in a cell."));
        });
    }

    /// <summary>A formula never calculated (openpyxl writes it with an empty <c>&lt;v&gt;&lt;/v&gt;</c>) has no value: missing, not damage.</summary>
    [Test]
    public void ReadXlsx_AFormulaWithNoCachedValue_IsMissing()
    {
        var d = Xlsx(new XlsxTestWorkbook().Sheet("S", [["x"], [1.0], [new Raw("<c r=\"A3\"><f>A2*2</f><v></v></c>")], [3.0]]).Build());

        Assert.That(Numbers(d, "x"), Is.EqualTo(new[] { 1.0, double.NaN, 3.0 }));
    }

    /// <summary>
    /// A level that is a shared string is that string, not a copy of it per column: 25 columns of the same 10 shared
    /// strings of 30,000 characters would otherwise copy 15 MB out of a 600 KB table.
    /// </summary>
    [Test]
    public void ReadXlsx_SharedStringsAreTheLevels_NotCopiedPerColumn()
    {
        var texts = Enumerable.Range(0, 10).Select(i => $"{i}{new string('s', 29_999)}").ToArray();
        object?[] header = [.. Enumerable.Range(0, 25).Select(c => (object?)$"c{c}")];
        var file = new XlsxTestWorkbook().Sheet("S", [header, .. texts.Select(t => Enumerable.Repeat((object?)t, 25).ToArray())]).Build();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var d = Xlsx(file);

        Assert.Multiple(() =>
        {
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(8L << 20));
            Assert.That(Levels(d, "c24"), Is.EqualTo(texts));
            Assert.That(Enumerable.Range(1, 24).All(c => ReferenceEquals(Levels(d, $"c{c}")[3], Levels(d, "c0")[3])), Is.True, "one string for every column");
        });
    }

    /// <summary>
    /// A column of numbers, some from text in another form (<c>007</c>, <c>1.50</c>), that turns categorical gets their
    /// text from a second pass over the sheet, as the CSV reader does — here with the header in row 3 from column B,
    /// rows skipped and empty, and a ZIP bound the second pass does not count against — so the levels are the CSV's.
    /// </summary>
    [Test]
    public void ReadXlsx_NumbersFromOtherText_ThenText_GetTheirTextFromASecondPass()
    {
        static string S(string at, string text) => $"<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";
        static string N(string at, double value) => $"<c r=\"{at}\"><v>{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>";
        var filler = string.Concat(Enumerable.Range(11, 100).Select(r => $"<row r=\"{r}\">{N($"B{r}", r)}</row>"));
        var sheet =
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"/>" +
            $"<row r=\"3\">{S("B3", "id")}{S("C3", "code")}{S("D3", "plain")}</row>" +
            $"<row r=\"4\">{N("B4", 1)}{S("C4", "007")}{N("D4", 2.5)}</row>" +
            $"<row r=\"5\">{N("B5", 2)}{N("C5", 3)}{N("D5", 1)}</row>" +
            $"<row r=\"7\">{N("B7", 3)}{S("C7", "1.50")}</row>" +
            $"<row r=\"8\">{N("B8", 4)}{S("C8", "NA")}{S("D8", "x")}</row>" +
            $"<row r=\"9\">{N("B9", 5)}{S("C9", "abc")}{N("D9", 1)}</row>" +
            $"<row r=\"10\">{S("C10", "007")}</row>{filler}</sheetData></worksheet>";
        var file = new XlsxTestWorkbook().SheetXml("S", sheet).Build();
        long parts;
        using (var zip = new ZipArchive(new MemoryStream(file)))
        {
            parts = zip.Entries.Sum(e => e.Length);
        }

        var d = new XlsxDatasetReader(maxUncompressedBytes: parts).Read(new MemoryStream(file), Limits);
        var csv = "id,code,plain\n1,007,2.5\n2,3,1\n,,\n3,1.50,\n4,NA,x\n5,abc,1\n,007,\n" +
            string.Concat(Enumerable.Range(11, 100).Select(r => $"{r},,\n"));

        DatasetAssert.Same(d, Csv(csv));
        Assert.That(Levels(d, "code"), Is.EqualTo(new[] { "007", "1.50", "3", "abc" }));
    }

    /// <summary>A workbook whose sheet is <paramref name="size"/> bytes, nearly all empty elements, deflated to about a thousandth.</summary>
    private static byte[] Bomb(long size, out uint declared)
    {
        var file = new MemoryStream();
        var workbook = new XlsxTestWorkbook().Sheet("Data", [["x"], [1.0]]).Build();
        using (var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in source.Entries)
            {
                using var to = zip.CreateEntry(part.FullName, CompressionLevel.Optimal).Open();
                if (part.FullName == "xl/worksheets/sheet1.xml")
                {
                    // Well-formed as far as it goes: an XML reader would read the empty elements on and on.
                    var start = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8;
                    to.Write(start);
                    var block = new byte[1 << 20];
                    for (var i = 0; i < block.Length; i += 4)
                    {
                        "<x/>"u8.CopyTo(block.AsSpan(i));
                    }

                    for (long written = start.Length; written < size; written += block.Length)
                    {
                        to.Write(block.AsSpan(0, (int)Math.Min(block.Length, size - written)));
                    }
                }
                else
                {
                    using var from = part.Open();
                    from.CopyTo(to);
                }
            }
        }

        declared = (uint)size;
        return file.ToArray();
    }

    /// <summary>Rewrites the uncompressed size in the ZIP's local and central records that hold <paramref name="from"/>.</summary>
    private static void Patch(byte[] zip, uint from, uint to)
    {
        var found = 0;
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            var local = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
            var central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            var at = local ? i + 22 : central ? i + 24 : -1;
            if (at >= 0 && BitConverter.ToUInt32(zip, at) == from)
            {
                BitConverter.GetBytes(to).CopyTo(zip, at);
                found++;
            }
        }

        Assert.That(found, Is.GreaterThanOrEqualTo(1), "the size to patch");
    }
}
