using System.Globalization;
using System.Text;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;
using Analysis.Infrastructure.Datasets.Formats;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// Parquet uploads read as the CSV reader reads the same data (issue #19): files written here with Parquet.Net's
/// writer, in two row groups, compared column by column with <see cref="SepDatasetReader"/> on the same data as CSV.
/// </summary>
public sealed class ParquetDatasetReaderTests
{
    private static readonly DatasetLimits Limits = new(1000, 50);

    private static Dataset Csv(string csv) =>
        SepDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Limits, CancellationToken.None);

    private static Task<Dataset> Read(byte[] file, IEnumerable<string>? naStrings = null, DatasetLimits? limits = null) =>
        new ParquetDatasetReader().ReadAsync(new MemoryStream(file), limits ?? Limits, naStrings, CancellationToken.None);

    /// <summary>One int column "n" of the values 0 to 49, in one row group, as Parquet.Net writes it (Snappy unless told).</summary>
    private static async Task<byte[]> FiftyIntegers(ParquetOptions? options = null)
    {
        var n = new DataField<int>("n");
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(n), file, options))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(n, Enumerable.Range(0, 50).ToArray());
        }

        return file.ToArray();
    }

    /// <summary>Every flat type the reader takes, five rows in row groups of three and two.</summary>
    private static async Task<byte[]> TypedFile()
    {
        var x = new DataField<double?>("x");
        var n = new DataField<int>("n");
        var big = new DataField<long?>("big");
        var u = new DataField<uint>("u");
        var f = new DataField<float>("f");
        var price = new DecimalDataField("price", 10, 2);
        var g = new DataField<string>("g");
        var flag = new DataField<bool?>("flag");
        var day = new DateTimeDataField("day", DateTimeFormat.Date, true, null, true);
        var at = new DateTimeDataField("at", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Millis, true);
        var schema = new ParquetSchema(x, n, big, u, f, price, g, flag, day, at);

        var groups = new[]
        {
            (X: new double?[] { 1.5, null, -2 }, N: new[] { 1, 2, 3 }, Big: new long?[] { 10_000_000_000, null, -1 }, U: new uint[] { 7, 8, 4_000_000_000 },
                F: new[] { 0.5f, 0.25f, -1f }, Price: new decimal[] { 1.25m, 2.5m, 0m }, G: new[] { "a", null, "b" }, Flag: new bool?[] { true, false, null },
                Day: new DateTime?[] { new(2024, 3, 1), null, new(1999, 12, 31) },
                At: new DateTime?[] { new(2024, 3, 1, 12, 30, 0, DateTimeKind.Utc), new(2024, 3, 1, 12, 30, 0, 250, DateTimeKind.Utc), null }),
            (X: new double?[] { 1e-3, double.NaN }, N: new[] { 4, 5 }, Big: new long?[] { 0, 1 }, U: new uint[] { 0, 1 },
                F: new[] { 2f, 3f }, Price: new decimal[] { -3.75m, 10m }, G: new[] { string.Empty, " c" }, Flag: new bool?[] { true, true },
                Day: new DateTime?[] { new(2024, 3, 1), new(2024, 3, 2) },
                At: new DateTime?[] { null, new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) }),
        };

        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, file))
        {
            foreach (var v in groups)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<double>(x, v.X);
                await group.WriteAsync<int>(n, v.N);
                await group.WriteAsync<long>(big, v.Big);
                await group.WriteAsync<uint>(u, v.U);
                await group.WriteAsync<float>(f, v.F);
                await group.WriteAsync<decimal>(price, v.Price);
                await group.WriteAsync(g, v.G);
                await group.WriteAsync<bool>(flag, v.Flag);
                await group.WriteAsync<DateTime>(day, v.Day);
                await group.WriteAsync<DateTime>(at, v.At);
            }
        }

        return file.ToArray();
    }

    [Test]
    public async Task ReadParquet_EveryFlatType_GivesTheDatasetOfTheSameCsv()
    {
        var d = await Read(await TypedFile());

        DatasetAssert.Same(d, Csv(
            "x,n,big,u,f,price,g,flag,day,at\n" +
            "1.5,1,10000000000,7,0.5,1.25,a,TRUE,2024-03-01,2024-03-01T12:30:00Z\n" +
            ",2,,8,0.25,2.5,,FALSE,,2024-03-01T12:30:00.250Z\n" +
            "-2,3,-1,4000000000,-1,0,b,,1999-12-31,\n" +
            "0.001,4,0,0,2,-3.75,,TRUE,2024-03-01,\n" +
            "NaN,5,1,1,3,10,\" c\",TRUE,2024-03-02,2000-01-01T00:00:00Z\n"));
    }

    [Test]
    public async Task ReadParquet_NaStrings_MakeMatchingNumbersAndTextMissing()
    {
        var d = await Read(await TypedFile(), naStrings: ["-1", "b", "TRUE"]);

        Assert.Multiple(() =>
        {
            Assert.That(((NumericColumn)d.Find("big")!).Values, Is.EqualTo(new[] { 10_000_000_000, double.NaN, double.NaN, 0, 1 }));
            Assert.That(((NumericColumn)d.Find("f")!).Values, Is.EqualTo(new[] { 0.5, 0.25, double.NaN, 2, 3 }));
            Assert.That(((CategoricalColumn)d.Find("g")!).Levels, Is.EqualTo(new[] { " c", "a" }));
            Assert.That(d.Find("flag")!.MissingCount, Is.EqualTo(4));

            // NaN is not among these markers: as in a CSV, the text "NaN" makes the column categorical.
            Assert.That(((CategoricalColumn)d.Find("x")!).Levels, Is.EqualTo(new[] { "-2", "0.001", "1.5", "NaN" }));
        });
    }

    [Test]
    public async Task ReadParquet_StringColumnOfNumerals_StaysCategorical()
    {
        // Parquet says what a column is: a string column of zip codes is text, though its CSV would read as numbers.
        var code = new DataField<string>("zip");
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(code), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(code, ["01234", "98765"]);
        }

        var d = await Read(file.ToArray());

        Assert.That(((CategoricalColumn)d.Columns[0]).Levels, Is.EqualTo(new[] { "01234", "98765" }));
    }

    public sealed class WithList
    {
        public int Id { get; set; }

        public List<int> Scores { get; set; } = [];
    }

    public sealed class WithStruct
    {
        public int Id { get; set; }

        public Place Address { get; set; } = new();
    }

    public sealed class WithMap
    {
        public int Id { get; set; }

        public Dictionary<string, int> Counts { get; set; } = [];
    }

    public sealed class Place
    {
        public string City { get; set; } = string.Empty;
    }

    [Test]
    public async Task ReadParquet_NestedColumns_AreRefusedNamingTheColumn()
    {
        async Task<string> Refusal<T>(T row)
        {
            using var file = new MemoryStream();
            await ParquetSerializer.SerializeAsync(new[] { row }, file);
            var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(file.ToArray()))!;
            return e.Message;
        }

        var list = await Refusal(new WithList { Id = 1, Scores = [1, 2] });
        var structure = await Refusal(new WithStruct { Id = 1, Address = new Place { City = "Oslo" } });
        var map = await Refusal(new WithMap { Id = 1, Counts = new() { ["a"] = 1 } });

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.StartWith("Parquet column 'Scores' is a list;"));
            Assert.That(structure, Does.StartWith("Parquet column 'Address' is a struct;"));
            Assert.That(map, Does.StartWith("Parquet column 'Counts' is a map;"));
        });
    }

    /// <summary>
    /// A page header that declares more than its chunk (here the largest number its two bytes hold, 8,191, for a chunk of
    /// a few hundred): refused before Parquet.Net allocates a buffer of the declared size — which a crafted file could
    /// make gigabytes. The file is Parquet.Net's own, one byte pattern rewritten in place.
    /// </summary>
    [Test]
    public async Task ReadParquet_APageHeaderClaimingMoreThanItsChunk_IsRefusedBeforeItIsRead()
    {
        var bytes = await FiftyIntegers();
        long offset, chunkBytes;
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            var column = reader.Metadata!.RowGroups[0].Columns[0].MetaData!;
            offset = column.DictionaryPageOffset is > 0 and var d && d < column.DataPageOffset ? d : column.DataPageOffset;
            chunkBytes = column.TotalUncompressedSize;
        }

        // Thrift compact: field 1 (i32, the page type) then field 2 (i32, uncompressed_page_size), each a header byte
        // 0x15 and a zigzag varint. The size's varint is rewritten, its length kept, to the largest it can hold.
        var at = (int)offset;
        Assert.That(bytes[at], Is.EqualTo(0x15), "field 1, an i32");
        at++;
        while ((bytes[at++] & 0x80) != 0)
        {
        }

        Assert.That(bytes[at++], Is.EqualTo(0x15), "field 2, an i32");
        var varint = at;
        while ((bytes[at] & 0x80) != 0)
        {
            at++;
        }

        var length = at - varint + 1;
        Assert.That(length, Is.EqualTo(2), "a size of a few hundred bytes takes two");
        bytes[varint] = 0xFE; // zigzag 2 × 8,191: 0x7FFE in 7-bit groups, low first
        bytes[varint + 1] = 0x7F;

        var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(bytes))!;

        Assert.That(e.Message, Is.EqualTo($"The Parquet file cannot be read: column 'n': a page declares 8191 bytes, more than its whole column chunk ({chunkBytes})."));
    }

    /// <summary>
    /// A data page that holds fewer values than its chunk says (here 25 of 50): Parquet.Net would read on past the
    /// chunk's end for the rest — a page placed there is read, at whatever size it claims. Refused before.
    /// </summary>
    [Test]
    public async Task ReadParquet_PagesHoldingFewerValuesThanTheirChunk_AreRefusedBeforeTheyAreRead()
    {
        var bytes = await FiftyIntegers();
        long offset;
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            offset = reader.Metadata!.RowGroups[0].Columns[0].MetaData!.DataPageOffset;
        }

        // The page header: field 1 (0x15) is the page type, 0 (a data page); its data page header's num_values is the
        // first i32 field (0x15) whose zigzag varint is 100 (50 values): rewritten to 50 (25 values), the same length.
        Assert.That((bytes[offset], bytes[offset + 1]), Is.EqualTo(((byte)0x15, (byte)0x00)), "a data page");
        var at = Enumerable.Range((int)offset + 2, 40).First(i => bytes[i] == 0x15 && bytes[i + 1] == 100);
        bytes[at + 1] = 50;

        var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(bytes))!;

        Assert.That(e.Message, Is.EqualTo("The Parquet file cannot be read: column 'n': its pages hold 25 values where its metadata says 50."));
    }

    /// <summary>
    /// A Zstandard frame whose content size is not what it holds (its field rewritten to the largest its width holds,
    /// within what the page may claim): the decoder's own error is a 400 like any damage, not a 500. The file is
    /// Parquet.Net's own, written with Zstandard.
    /// </summary>
    [Test]
    public async Task ReadParquet_AZstdFrameWithAWrongContentSize_IsA400()
    {
        var bytes = await FiftyIntegers(new ParquetOptions { CompressionMethod = CompressionMethod.Zstd });
        var intact = await Read(bytes);
        // The frame begins with its magic number 28 B5 2F FD, then its descriptor: the content-size field's width is
        // in its top two bits (0: one byte if single-segment, 1: two, 2: four, 3: eight), after the window byte (when
        // not single-segment) and the dictionary id (its low two bits).
        var frame = Enumerable.Range(0, bytes.Length - 4).First(i => bytes[i] == 0x28 && bytes[i + 1] == 0xB5 && bytes[i + 2] == 0x2F && bytes[i + 3] == 0xFD);
        var descriptor = bytes[frame + 4];
        var single = (descriptor & 0x20) != 0;
        var width = (descriptor >> 6) switch { 0 => single ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        Assert.That(width, Is.GreaterThan(0), "the frame says its content size");
        var at = frame + 5 + (single ? 0 : 1) + ((descriptor & 0x03) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 });
        for (var i = 0; i < width; i++)
        {
            bytes[at + i] = 0xFF;
        }

        var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(bytes))!;

        Assert.Multiple(() =>
        {
            Assert.That(intact.RowCount, Is.EqualTo(50), "the file as written reads");
            Assert.That(e.Message, Does.StartWith("The Parquet file cannot be read: "));
        });
    }

    /// <summary>
    /// ZstdSharp sizes its output by the sum over all of a page's frames, not the first's: a page that opens with a
    /// skippable frame (which claims nothing) and ends with one claiming 1 GiB is refused before it is decompressed
    /// (Parquet.Net would allocate the 1 GiB, and then a copy). The page keeps its length: the skippable frame pads it.
    /// </summary>
    [Test]
    public async Task ReadParquet_AZstdPageWhoseLaterFrameClaimsAGibibyte_IsRefusedBeforeItIsDecompressed()
    {
        var bytes = await FiftyIntegers(new ParquetOptions { CompressionMethod = CompressionMethod.Zstd });
        var length = (await FirstPage(bytes)).Compressed;
        var payload = Enumerable.Range(0, bytes.Length - 4).First(i => bytes[i] == 0x28 && bytes[i + 1] == 0xB5 && bytes[i + 2] == 0x2F && bytes[i + 3] == 0xFD);
        // A frame: magic, descriptor 0xE0 (single segment, an 8-byte content size), the size, and one last raw block of
        // one byte (block header 0x09 0x00 0x00). Before it, a skippable frame (magic 0x184D2A50, a 4-byte length) of
        // whatever is left.
        byte[] claiming = [0x28, 0xB5, 0x2F, 0xFD, 0xE0, .. BitConverter.GetBytes(1L << 30), 0x09, 0x00, 0x00, 0x00];
        var padding = length - claiming.Length - 8;
        Assert.That(padding, Is.GreaterThanOrEqualTo(0), "room for both frames");
        byte[] page = [0x50, 0x2A, 0x4D, 0x18, .. BitConverter.GetBytes(padding), .. new byte[padding], .. claiming];
        page.CopyTo(bytes, payload);

        var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(bytes))!;

        Assert.That(e.Message, Does.StartWith("The Parquet file cannot be read: column 'n': a page's compressed data claims up to 1073741824 bytes, more than its whole column chunk"));
    }

    /// <summary>Every codec the reader takes reads the file as written.</summary>
    [TestCase(CompressionMethod.None)]
    [TestCase(CompressionMethod.Snappy)]
    [TestCase(CompressionMethod.Gzip)]
    [TestCase(CompressionMethod.Zstd)]
    [TestCase(CompressionMethod.Brotli)]
    [TestCase(CompressionMethod.Lz4Raw)]
    public async Task ReadParquet_EachCodec_ReadsAsWritten(CompressionMethod codec)
    {
        var d = await Read(await FiftyIntegers(new ParquetOptions { CompressionMethod = codec }));

        Assert.That(((NumericColumn)d.Find("n")!).Values, Is.EqualTo(Enumerable.Range(0, 50).Select(i => (double)i)));
    }

    /// <summary>
    /// A page whose header declares one byte more than its data gives: Parquet.Net 6.1.0 would decode it into a pooled
    /// buffer of the declared size without noticing the shortfall (uncompressed, Brotli, LZ4) — the byte left there by
    /// an earlier read, perhaps another request's data, read as a value — or size the buffer from the data itself
    /// (Snappy). Refused, naming both sizes. Gzip and Zstandard are bounded by Parquet.Net itself (their output is cut
    /// to what they inflate; Zstandard's bound is checked above).
    /// </summary>
    [TestCase(CompressionMethod.None, "an uncompressed page declares {1} bytes but holds {0}")]
    [TestCase(CompressionMethod.Snappy, "a page's compressed data holds {0} bytes where its header declares {1}")]
    [TestCase(CompressionMethod.Brotli, "a page's compressed data holds {0} bytes where its header declares {1}")]
    [TestCase(CompressionMethod.Lz4Raw, "a page's compressed data holds {0} bytes where its header declares {1}")]
    public async Task ReadParquet_APageHeaderDeclaringMoreThanItsData_IsRefused_NotReadFromAStaleBuffer(CompressionMethod codec, string what)
    {
        var bytes = await FiftyIntegers(new ParquetOptions { CompressionMethod = codec });
        var size = await RewriteFirstPageSize(bytes, size => size + 1);

        var e = Assert.ThrowsAsync<DatasetFormatException>(() => Read(bytes))!;

        Assert.That(e.Message, Is.EqualTo($"The Parquet file cannot be read: column 'n': {string.Format(CultureInfo.InvariantCulture, what, size, size + 1)}."));
    }

    /// <summary>Hadoop's framed LZ4 (the old codec, which Parquet.Net misreads) is refused, saying what to write instead.</summary>
    [Test]
    public async Task ReadParquet_TheOldLz4Codec_IsRefusedSayingWhatToWrite()
    {
        var bytes = await FiftyIntegers(new ParquetOptions { CompressionMethod = CompressionMethod.LZ4 });
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            Assert.That(reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Codec, Is.EqualTo(Parquet.Meta.CompressionCodec.LZ4), "the old codec's number");
        }

        Assert.That(() => Read(bytes), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo(
            "The Parquet file cannot be read: column 'n' is compressed with LZ4 with Hadoop's framing (the old LZ4 codec), which is not supported; write it with Snappy, Gzip, Zstandard, Brotli or LZ4_RAW."));
    }

    /// <summary>The first page's header: where its uncompressed-size varint is (field 2), and its compressed size (field 3).</summary>
    private static async Task<(int SizeAt, int SizeLength, int Compressed)> FirstPage(byte[] bytes)
    {
        int at;
        await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            var column = reader.Metadata!.RowGroups[0].Columns[0].MetaData!;
            at = (int)(column.DictionaryPageOffset is > 0 and var d && d < column.DataPageOffset ? d : column.DataPageOffset);
        }

        // Thrift compact: fields 1 to 3 (the page type and its two sizes) come first, each a header byte 0x15 (an i32)
        // and a zigzag varint.
        int sizeAt = 0, sizeLength = 0, compressed = 0;
        for (var field = 1; field <= 3; field++)
        {
            Assert.That(bytes[at++], Is.EqualTo(0x15), $"field {field}, an i32");
            var start = at;
            long value = 0;
            for (var shift = 0; ; shift += 7)
            {
                value |= (long)(bytes[at] & 0x7F) << shift;
                if ((bytes[at++] & 0x80) == 0)
                {
                    break;
                }
            }

            (sizeAt, sizeLength) = field == 2 ? (start, at - start) : (sizeAt, sizeLength);
            compressed = field == 3 ? (int)(value >> 1) : compressed;
        }

        return (sizeAt, sizeLength, compressed);
    }

    /// <summary>Rewrites the first page's uncompressed size in place (its varint's length kept); returns the size it had.</summary>
    private static async Task<int> RewriteFirstPageSize(byte[] bytes, Func<int, int> change)
    {
        var page = await FirstPage(bytes);
        long zigzag = 0;
        for (var i = 0; i < page.SizeLength; i++)
        {
            zigzag |= (long)(bytes[page.SizeAt + i] & 0x7F) << (7 * i);
        }

        var size = (int)(zigzag >> 1);
        var rewritten = (long)change(size) << 1;
        for (var i = 0; i < page.SizeLength; i++)
        {
            bytes[page.SizeAt + i] = (byte)((int)((rewritten >> (7 * i)) & 0x7F) | (i < page.SizeLength - 1 ? 0x80 : 0));
        }

        Assert.That(rewritten >> (7 * page.SizeLength), Is.Zero, "the new size fits the varint's length");
        return size;
    }

    /// <summary>
    /// Metadata that declares more elements than it has bytes — here a map of booleans with 2⁶² entries, which a
    /// walker that read no byte a boolean would count through for ever, and a list of 2³¹ − 1 schema elements that
    /// Parquet.Net would allocate at once — is refused at once, before Parquet.Net reads the footer.
    /// </summary>
    [TestCase(new byte[] { 0x1B, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x11 }, TestName = "ReadParquet_AFooterMapOf2To62Booleans_IsRefusedAtOnce")]
    [TestCase(new byte[] { 0x15, 0x02, 0x29, 0xFC, 0xFF, 0xFF, 0xFF, 0x07, 0x00 }, TestName = "ReadParquet_AFooterListOfTwoBillionSchemaElements_IsRefusedAtOnce")]
    public async Task ReadParquet_FooterDeclaringMoreElementsThanBytes_IsRefusedAtOnce(byte[] footer)
    {
        byte[] file = [.. "PAR1"u8, .. footer, .. BitConverter.GetBytes(footer.Length), .. "PAR1"u8];

        var read = Read(file);
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(finished, Is.SameAs(read), "answered, not counting for ever");
        var e = Assert.ThrowsAsync<DatasetFormatException>(() => read)!;
        Assert.That(e.Message, Is.EqualTo("The Parquet file cannot be read: its metadata declares more elements than it has bytes."));
    }

    [Test]
    public async Task ReadParquet_PastTheLimits_IsRefusedBeforeReadingValues()
    {
        var file = await TypedFile();

        Assert.Multiple(() =>
        {
            Assert.That(() => Read(file, limits: new DatasetLimits(4, 50)),
                Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("More than 4 data rows (the configured limit)."));
            Assert.That(() => Read(file, limits: new DatasetLimits(10, 9)),
                Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("The Parquet file has 10 columns; at most 9 are allowed."));
            Assert.That(() => Read(file, limits: new DatasetLimits(10, 10, 49)),
                Throws.TypeOf<DatasetFormatException>().With.Message.StartsWith("More than 49 cells (rows × columns, the configured limit)"));
        });
    }

    [Test]
    public async Task ReadParquet_NoRowsOrDamaged_IsRefused()
    {
        var x = new DataField<double>("x");
        using var empty = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x), empty))
        {
        }

        var damaged = await TypedFile();
        damaged.AsSpan(damaged.Length / 2, 64).Fill(0xFF);
        var badFooter = await TypedFile();
        badFooter[^6] = 0x7F; // the footer's length, now larger than the file

        Assert.Multiple(() =>
        {
            Assert.That(() => Read(empty.ToArray()), Throws.TypeOf<DatasetFormatException>().With.Message.EqualTo("No data rows: the Parquet file has columns but no rows."));
            Assert.That(() => Read(damaged), Throws.TypeOf<DatasetFormatException>());
            Assert.That(() => Read(badFooter), Throws.TypeOf<DatasetFormatException>().With.Message.Contains("footer"));
        });
    }
}
