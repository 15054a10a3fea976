using System.Text;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;

namespace Analysis.Tests.Infrastructure;

public sealed class SepDatasetReaderTests
{
    private static readonly DatasetLimits Limits = new(1000, 50);

    private static Dataset Read(string csv, DatasetLimits? limits = null, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        return SepDatasetReader.Read(new MemoryStream(bytes), limits ?? Limits, CancellationToken.None);
    }

    private static string Fails(string csv, DatasetLimits? limits = null) =>
        Assert.Throws<DatasetFormatException>(() => Read(csv, limits))!.Message;

    private static double[] Numbers(Dataset d, string name) => ((NumericColumn)d.Find(name)!).Values;

    private static string?[] Texts(Dataset d, string name)
    {
        var c = (CategoricalColumn)d.Find(name)!;
        return [.. c.Codes.Select(code => code < 0 ? null : c.Levels[code])];
    }

    /// <summary>
    /// R: <c>read.csv(text = "x,g,h\n1,a,-99\n-99,.,2\n3,NA,-99.0\n , b ,4\n", na.strings = c("-99", "."))</c> gives
    /// x = 1, NA, 3, NA; g = "a", NA, "NA", " b "; h = NA, 2, -99, 4 — "-99.0" is not the string "-99". (The one
    /// difference is ours, by the CSV rules: spaces around an unquoted cell are not part of it, so g's last is "b".)
    /// </summary>
    [Test]
    public void Read_WithMissingValueStrings_ReadsExactlyThoseCellsAsMissing()
    {
        var csv = "x,g,h\n1,a,-99\n-99,.,2\n3,NA,-99.0\n , b ,4\n";
        var d = SepDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Limits, CancellationToken.None, new MissingValues(["-99", "."]));
        var plain = Read(csv);

        Assert.Multiple(() =>
        {
            Assert.That(Numbers(d, "x"), Is.EqualTo(new[] { 1, double.NaN, 3, double.NaN }), "an empty cell is always missing");
            Assert.That(Texts(d, "g"), Is.EqualTo(new[] { "a", null, "NA", "b" }));
            Assert.That(Numbers(d, "h"), Is.EqualTo(new[] { double.NaN, 2, -99, 4 }));
            Assert.That(Numbers(plain, "x"), Is.EqualTo(new[] { 1, -99, 3, double.NaN }), "the default strings");
            Assert.That(Texts(plain, "g"), Is.EqualTo(new[] { "a", ".", null, "b" }));
        });
    }

    [Test]
    public void Read_SimpleCsv_InfersTypesAndKeepsOrder()
    {
        var d = Read("x,g\n1.5,a\n-2e-3,b\n3,a\n");

        Assert.Multiple(() =>
        {
            Assert.That(d.RowCount, Is.EqualTo(3));
            Assert.That(d.Columns.Select(c => c.Name), Is.EqualTo(new[] { "x", "g" }));
            Assert.That(Numbers(d, "x"), Is.EqualTo(new[] { 1.5, -0.002, 3 }));
            Assert.That(Texts(d, "g"), Is.EqualTo(new[] { "a", "b", "a" }));
        });
    }

    [Test]
    public void Read_QuotedFieldsWithDelimitersQuotesAndNewlines_AreUnescaped()
    {
        var d = Read("name,v\n\"Smith, J\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n");

        Assert.That(Texts(d, "name"), Is.EqualTo(new[] { "Smith, J", "say \"hi\"", "two\nlines" }));
        Assert.That(Numbers(d, "v"), Is.EqualTo(new[] { 1.0, 2, 3 }));
    }

    [Test]
    public void Read_SpacesInsideQuotes_BelongToTheValue_SpacesAroundAFieldDoNot()
    {
        // docs/api.md, CSV rules: " a", "a " and "a" are three levels; an unquoted " a" is "a"; a quoted " 2" is still a number.
        var d = Read("g,x\n\" a\",1\n\"a \",\" 2\"\n\"a\", 3\n a ,4\n");

        Assert.Multiple(() =>
        {
            Assert.That(Texts(d, "g"), Is.EqualTo(new[] { " a", "a ", "a", "a" }));
            Assert.That(((CategoricalColumn)d.Find("g")!).Levels, Is.EqualTo(new[] { " a", "a", "a " }));
            Assert.That(Numbers(d, "x"), Is.EqualTo(new[] { 1.0, 2, 3, 4 }));
        });
    }

    [Test]
    public void Read_WithUtf8Bom_IgnoresIt()
    {
        var d = Read("x,y\n1,2\n", bom: true);

        Assert.That(d.Columns[0].Name, Is.EqualTo("x"));
    }

    [TestCase("x;y\n1,5;2\n", ';')]
    [TestCase("x\ty\n1,5\t2\n", '\t')]
    [TestCase("x,y\n1;5,2\n", ',')]
    public void Read_DetectsDelimiterFromHeader(string csv, char expected)
    {
        var d = Read(csv);

        Assert.That(d.Columns.Select(c => c.Name), Is.EqualTo(new[] { "x", "y" }), $"delimiter {(int)expected}");
        Assert.That(d.Columns[0].Type, Is.EqualTo(ColumnType.Categorical), "1,5 / 1;5 is text, not a number");
    }

    [Test]
    public void Read_MissingMarkers_AreMissingInBothKinds()
    {
        var d = Read("x,g\n1,a\n,\nNA,NA\nNaN,b\nnull,null\n 2 , c \n");

        Assert.Multiple(() =>
        {
            Assert.That(Numbers(d, "x")[0], Is.EqualTo(1));
            Assert.That(Numbers(d, "x").Skip(1).Take(4).All(double.IsNaN), Is.True);
            Assert.That(Numbers(d, "x")[5], Is.EqualTo(2));
            Assert.That(d.Find("x")!.MissingCount, Is.EqualTo(4));
            Assert.That(Texts(d, "g"), Is.EqualTo(new[] { "a", null, null, "b", null, "c" }));
        });
    }

    [TestCase("1e999")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("0x10")]
    [TestCase("1,000")]
    public void Read_NonFiniteOrNonInvariantNumber_MakesColumnCategorical(string cell)
    {
        var d = Read($"x\n1\n\"{cell}\"\n");

        Assert.That(d.Find("x")!.Type, Is.EqualTo(ColumnType.Categorical));
    }

    [Test]
    public void Read_ColumnTurningCategoricalLate_KeepsExactTextOfEarlierNumbers()
    {
        var d = Read("code\n01\n1.50\n\n7\nNA\nx12\n");

        Assert.That(Texts(d, "code"), Is.EqualTo(new[] { "01", "1.50", "7", null, "x12" }));
        Assert.That(((CategoricalColumn)d.Find("code")!).Levels, Is.EqualTo(new[] { "01", "1.50", "7", "x12" }), "ordinal order");
    }

    [Test]
    public void Read_BlankLines_AreSkipped()
    {
        var d = Read("x,y\n\n1,2\n\n3,4\n\n");

        Assert.That(d.RowCount, Is.EqualTo(2));
    }

    [Test]
    public void Read_CrLfLineEnds_Work()
    {
        var d = Read("x,y\r\n1,2\r\n3,4\r\n");

        Assert.That(Numbers(d, "y"), Is.EqualTo(new[] { 2.0, 4 }));
    }

    [Test]
    public void Read_RaggedRow_NamesTheLine()
    {
        Assert.That(Fails("x,y\n1,2\n3\n4,5\n"), Is.EqualTo("Line 3: 1 field, but the header has 2."));
        Assert.That(Fails("x,y\n1,2,3\n"), Is.EqualTo("Line 2: 3 fields, but the header has 2."));
    }

    [Test]
    public void Read_RaggedRowAfterQuotedNewline_NamesTheLineItStartsOn() =>
        Assert.That(Fails("x,y\n\"a\nb\",2\n3\n"), Is.EqualTo("Line 4: 1 field, but the header has 2."));

    [Test]
    public void Read_DuplicateHeader_NamesIt() =>
        Assert.That(Fails("x,y,x\n1,2,3\n"), Is.EqualTo("Line 1: column name 'x' appears twice (columns 1 and 3)."));

    [Test]
    public void Read_EmptyHeaderName_NamesTheColumn() =>
        Assert.That(Fails("x,,z\n1,2,3\n"), Is.EqualTo("Line 1: column 2 has an empty name."));

    [Test]
    public void Read_HeaderOnly_HasNoDataRows() =>
        Assert.That(Fails("x,y\n"), Is.EqualTo("No data rows: the CSV has a header but no values."));

    [Test]
    public void Read_Empty_NeedsAHeader() =>
        Assert.That(Fails(string.Empty), Is.EqualTo("The CSV is empty: line 1 must be a header row."));

    [Test]
    public void Read_OverRowLimit_Refuses() =>
        Assert.That(Fails("x\n1\n2\n3\n", new DatasetLimits(2, 10)), Is.EqualTo("More than 2 data rows (the configured limit)."));

    [Test]
    public void Read_OverColumnLimit_Refuses() =>
        Assert.That(Fails("a,b,c\n1,2,3\n", new DatasetLimits(10, 2)), Is.EqualTo("Line 1: 3 columns; at most 2 are allowed."));

    [Test]
    public void Read_UnicodeText_RoundTrips()
    {
        var d = Read("ville,n\nZürich,1\n東京,2\n");

        Assert.That(Texts(d, "ville"), Is.EqualTo(new[] { "Zürich", "東京" }));
    }

    [Test]
    public void Read_ManyRows_AcrossChunkBoundaries_KeepsEveryValue()
    {
        var sb = new StringBuilder("i,sq\n");
        for (var i = 0; i < 200_000; i++)
        {
            sb.Append(i).Append(',').Append(i * 0.5).Append('\n');
        }

        var d = Read(sb.ToString(), new DatasetLimits(1_000_000, 10));

        Assert.That(d.RowCount, Is.EqualTo(200_000));
        Assert.That(Numbers(d, "sq")[199_999], Is.EqualTo(99_999.5));
        Assert.That(Numbers(d, "i")[65_536], Is.EqualTo(65_536));
    }

    [Test]
    public void Read_Numbers_AreTheCorrectlyRoundedDoublesOfTheirText()
    {
        // The fast parser must agree bit for bit with .NET's double.Parse on every form a CSV may hold.
        var random = new Random(11);
        var texts = new List<string> { "0", "-0", "+5", ".5", "5.", "1e-3", "1E+308", "4.9e-324", "2.2250738585072014e-308", "0.1", "123456789012345678901234567890", "9007199254740993" };
        for (var i = 0; i < 20_000; i++)
        {
            var v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            texts.Add(i % 2 == 0 ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : v.ToString("F" + random.Next(0, 12), System.Globalization.CultureInfo.InvariantCulture));
        }

        var d = Read("x\n" + string.Join("\n", texts) + "\n", new DatasetLimits(100_000, 5));

        var values = Numbers(d, "x");
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.That(BitConverter.DoubleToInt64Bits(values[i]),
                Is.EqualTo(BitConverter.DoubleToInt64Bits(double.Parse(texts[i], System.Globalization.CultureInfo.InvariantCulture))), texts[i]);
        }
    }

    [TestCase("inf")]
    [TestCase("infinity")]
    [TestCase("1e5x")]
    [TestCase("1.2.3")]
    [TestCase("--1")]
    public void Read_TextTheFastParserMightBend_StaysText(string cell) =>
        Assert.That(Read($"x\n1\n{cell}\n").Find("x")!.Type, Is.EqualTo(ColumnType.Categorical));

    [Test]
    public void Read_UnterminatedQuoteInALargeFile_IsA400NamingTheLine()
    {
        var csv = new StringBuilder("a,b\n1,2\n\"3,4\n");
        while (csv.Length < 20_000_000)
        {
            csv.Append("5,6\n");
        }

        Assert.That(Fails(csv.ToString(), new DatasetLimits(10_000_000, 10)),
            Is.EqualTo("Line 3: a row longer than 16777216 characters; is a quote left unterminated?"));
    }

    [Test]
    public void Outline_AHeaderLineOver16MiB_IsA400ForLine1()
    {
        var csv = "\"" + new string('h', 17_000_000) + "\n1\n";

        Assert.That(Fails(csv, new DatasetLimits(10_000_000, 10)),
            Is.EqualTo("Line 1: a row longer than 16777216 characters; is a quote left unterminated?"));
    }

    // The header is line 1, a blank line counts: the row that cannot be held is named by its own line.
    [TestCase("a,b\n\"1,2\n", "Line 2")]
    [TestCase("a,b\n\n\n\"1,2\n", "Line 4")]
    public void Read_AnUnterminatedQuote_NamesItsLine_CountingTheHeaderAndBlankLines(string head, string line)
    {
        var csv = new StringBuilder(head);
        while (csv.Length < 17_000_000)
        {
            csv.Append("5,6\n");
        }

        Assert.That(Fails(csv.ToString(), new DatasetLimits(10_000_000, 10)),
            Is.EqualTo($"{line}: a row longer than 16777216 characters; is a quote left unterminated?"));
    }

    [Test]
    public void Preview_AnUnterminatedQuote_IsA400NamingItsLine()
    {
        var csv = new StringBuilder("a,b\n1,2\n\"3,4\n");
        while (csv.Length < 17_000_000)
        {
            csv.Append("5,6\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var outline = SepDatasetReader.Outline(stream);

        Assert.That(Assert.Throws<DatasetFormatException>(() => SepDatasetReader.Preview(stream, outline, 10))!.Message,
            Is.EqualTo("Line 3: a row longer than 16777216 characters; is a quote left unterminated?"));
    }

    [Test]
    public void Read_AColumnOfDistinctText_KeepsTheFirstLevelsOnly_AndCountsNothingMissing()
    {
        var csv = "id,x\n" + string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"person-{i},{i}")) + "\n";

        var d = Read(csv, new DatasetLimits(10_000, 10));
        var id = (CategoricalColumn)d.Find("id")!;

        Assert.Multiple(() =>
        {
            Assert.That(id.Levels, Has.Length.EqualTo(CategoricalColumn.MaxKeptLevels));
            Assert.That(id.HasMoreLevels, Is.True);
            Assert.That(id.MissingCount, Is.Zero);
            Assert.That(id.Codes.Count(c => c == CategoricalColumn.BeyondLevelsCode), Is.EqualTo(5000 - CategoricalColumn.MaxKeptLevels));
            Assert.That(Analysis.Domain.Analyses.Grouping.Build(id), Is.Null, "no grouping can use it");
        });
    }

    [Test]
    public void Read_PastTheCellLimit_Fails()
    {
        var csv = "a,b,c\n" + string.Concat(Enumerable.Repeat("1,2,3\n", 4));

        Assert.That(Fails(csv, new DatasetLimits(100, 10, MaxCells: 10)), Does.StartWith("More than 10 cells"));
    }

    [TestCase("x\n1\n2\n3\n")]
    [TestCase("x\r\n1\r\n2\r\n3\r\n")]
    [TestCase("x\r1\r2\r3\r")]
    [TestCase("x\r1\r2\r3")]
    public void Outline_BoundsTheRows_WhateverTheLineEnds(string csv)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));

        var outline = SepDatasetReader.Outline(stream);
        var d = SepDatasetReader.Read(stream, outline, new DatasetLimits(100, 10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outline.RowBound, Is.EqualTo(3), "what the memory budget reserves for");
            Assert.That(d.Schema.Rows, Is.EqualTo(3));
        });
    }
}
