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
    /// <summary>A workbook whose sheet is <paramref name="size"/> bytes, nearly all spaces, deflated to about a thousandth.</summary>
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
                    // Well-formed as far as it goes: an XML reader would read the spaces on and on.
                    var start = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8;
                    to.Write(start);
                    var block = new byte[1 << 20];
                    block.AsSpan().Fill((byte)' ');
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
