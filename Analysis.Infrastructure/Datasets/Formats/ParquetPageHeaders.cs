using System.Buffers;
using Analysis.Application.Datasets;
using Parquet.Meta;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Walks the footer and every column chunk's page headers before Parquet.Net reads them (ADR-0020). Parquet.Net sizes
/// its metadata lists from the counts the footer declares, and a page's buffer from the size its header declares: a
/// crafted file could make one allocation of gigabytes. Here every list, set and map is held to the bytes left, and
/// each page header (Thrift's compact protocol, skipped field by field, nested at most <see cref="MaxDepth"/> deep) to
/// its chunk: a page may not declare more uncompressed bytes than its whole chunk, nor more compressed bytes than the
/// chunk has left, and its compressed data must give what its header declares (<see cref="CheckCompressed"/>; ADR-0020
/// says what each codec does with a crafted page).
/// </summary>
internal static class ParquetPageHeaders
{
    private const int MaxDepth = 16;

    /// <summary>
    /// The footer (the file's metadata, Thrift compact) walked before Parquet.Net reads it: every list, set and map no
    /// longer than the bytes left could hold (Parquet.Net sizes its lists from the count the file declares).
    /// </summary>
    public static void CheckFooter(Stream file, long start, long end, CancellationToken cancellationToken) =>
        new CompactReader(file, start, end, cancellationToken).SkipStruct();

    public static void Check(Stream file, FileMetaData metadata, CancellationToken cancellationToken)
    {
        var length = file.Length;
        foreach (var group in metadata.RowGroups ?? [])
        {
            foreach (var chunk in group.Columns ?? [])
            {
                if (chunk.MetaData is not { } column)
                {
                    continue;
                }

                // Where Parquet.Net starts reading the chunk: its first page, whichever kind.
                var start = new[] { column.DictionaryPageOffset, column.IndexPageOffset, column.DataPageOffset }
                    .Where(offset => offset > 0).Min() ?? column.DataPageOffset;
                if (start < 4 || column.TotalCompressedSize < 0 || column.TotalCompressedSize > length - 8 - start)
                {
                    throw Damaged(column, "its pages lie outside the file");
                }

                var end = start + column.TotalCompressedSize;
                var position = start;
                long values = 0;
                while (position < end)
                {
                    var reader = new CompactReader(file, position, end, cancellationToken);
                    var page = reader.ReadPage();
                    if (page.Uncompressed < 0 || page.Compressed < 0 || page.Uncompressed > column.TotalUncompressedSize)
                    {
                        throw Damaged(column, $"a page declares {page.Uncompressed} bytes, more than its whole column chunk ({column.TotalUncompressedSize})");
                    }

                    var payload = reader.Position;
                    if (page.Compressed > end - payload)
                    {
                        throw Damaged(column, "a page runs past the end of its column chunk");
                    }

                    // Parquet.Net sizes a page's buffers by its value count, and a Snappy block's by its own length.
                    if (page.Type is 0 or 2 or 3 && (page.Values < 0 || page.Values > column.NumValues))
                    {
                        throw Damaged(column, $"a page declares {page.Values} values, its chunk {column.NumValues}");
                    }

                    if (page.Type is 0 or 3)
                    {
                        values += page.Values;
                    }

                    if (page.Type is 0 or 2 or 3)
                    {
                        CheckCompressed(file, column, page, payload);
                    }

                    position = payload + page.Compressed;
                }

                // Parquet.Net reads pages until it has the chunk's values: they must all be inside the chunk.
                if (values != column.NumValues)
                {
                    throw Damaged(column, $"its pages hold {values} values where its metadata says {column.NumValues}");
                }
            }
        }
    }

    /// <summary>
    /// A page's compressed data must decompress to exactly what its header declares, and Parquet.Net must allocate no
    /// more than that for it. Parquet.Net 6.1.0 sizes a Snappy block's buffer by the block's own length, and a Zstandard
    /// page's by what its frames claim (ZstdSharp's bound), whatever the header says; and it decodes an uncompressed
    /// page shorter than its header, a short Brotli page and a failed LZ4 block into a pooled buffer without saying so,
    /// so the bytes left in that buffer by an earlier read — another request's data — would be read as values. So:
    /// uncompressed, the two sizes are equal; Snappy's length is the header's; Zstandard's bound is within the chunk;
    /// Brotli and LZ4 are decompressed here once, to their exact length; Gzip is bounded and cut to what it inflates
    /// by Parquet.Net itself. Hadoop's framed LZ4 (which Parquet.Net misreads) and LZO are refused.
    /// </summary>
    private static void CheckCompressed(Stream file, ColumnMetaData column, Page page, long payload)
    {
        // A data page v2 keeps its levels uncompressed ahead of its values; only what follows them is compressed.
        var levels = page.Type == 3 ? page.Levels : 0;
        if (levels < 0 || levels > page.Compressed || levels > page.Uncompressed)
        {
            throw Damaged(column, $"a page declares {levels} bytes of levels, more than the page");
        }

        var (compressed, uncompressed) = (page.Compressed - levels, page.Uncompressed - levels);
        var codec = page.Type == 3 && !page.IsCompressed ? CompressionCodec.UNCOMPRESSED : column.Codec;
        if (compressed == 0 && uncompressed == 0)
        {
            return; // an empty page (or a v2 page of levels only): nothing to decompress
        }

        switch (codec)
        {
            case CompressionCodec.UNCOMPRESSED when compressed != uncompressed:
                throw Damaged(column, $"an uncompressed page declares {uncompressed} bytes but holds {compressed}");
            case CompressionCodec.UNCOMPRESSED or CompressionCodec.GZIP:
                return;
            case CompressionCodec.LZO:
                throw Unsupported(column, "LZO");
            case CompressionCodec.LZ4:
                throw Unsupported(column, "LZ4 with Hadoop's framing (the old LZ4 codec)");
        }

        if (compressed > int.MaxValue || uncompressed > int.MaxValue)
        {
            throw Damaged(column, $"a page declares {Math.Max(compressed, uncompressed)} bytes, more than a page can hold");
        }

        // Snappy's length is its first bytes; the others need the page (read once, and left to the collector rather
        // than kept in a pool: a page may be megabytes).
        var data = GC.AllocateUninitializedArray<byte>((int)(codec == CompressionCodec.SNAPPY ? Math.Min(compressed, 10) : compressed));
        file.Position = payload + levels;
        file.ReadExactly(data);
        var claimed = codec switch
        {
            CompressionCodec.SNAPPY => SnappyLength(data),
            CompressionCodec.ZSTD => ZstdBound(data, column),
            CompressionCodec.BROTLI => BrotliLength(data, uncompressed),
            CompressionCodec.LZ4_RAW => Lz4Length(data, (int)uncompressed),
            _ => throw Unsupported(column, codec.ToString()),
        };

        if (codec == CompressionCodec.ZSTD ? claimed > column.TotalUncompressedSize + ZstdBlockBytes : claimed != uncompressed)
        {
            throw Damaged(column, codec == CompressionCodec.ZSTD
                ? $"a page's compressed data claims up to {claimed} bytes, more than its whole column chunk ({column.TotalUncompressedSize})"
                : $"a page's compressed data holds {claimed} bytes where its header declares {uncompressed}");
        }
    }

    /// <summary>A Zstandard block's most bytes: a frame that does not declare its size is bounded at this per block.</summary>
    private const long ZstdBlockBytes = 128 << 10;

    /// <summary>The varint a Snappy block begins with: its uncompressed length (-1 when malformed).</summary>
    private static long SnappyLength(ReadOnlySpan<byte> block)
    {
        long value = 0;
        for (var i = 0; i < Math.Min(block.Length, 5); i++)
        {
            value |= (long)(block[i] & 0x7F) << (7 * i);
            if ((block[i] & 0x80) == 0)
            {
                return value;
            }
        }

        return -1;
    }

    /// <summary>What ZstdSharp allocates for the page: the sum over its frames of their declared or bounded sizes.</summary>
    private static long ZstdBound(ReadOnlySpan<byte> frames, ColumnMetaData column)
    {
        try
        {
            return (long)Math.Min(ZstdSharp.Decompressor.GetDecompressedSize(frames), long.MaxValue);
        }
        catch (ZstdSharp.ZstdException)
        {
            throw Damaged(column, "a page's Zstandard data is malformed");
        }
    }

    /// <summary>The bytes a Brotli page inflates to, read no further than one past <paramref name="expected"/>.</summary>
    private static long BrotliLength(byte[] data, long expected)
    {
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(data, writable: false), System.IO.Compression.CompressionMode.Decompress);
        var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            while (total <= expected && brotli.Read(scratch, 0, scratch.Length) is var n and > 0)
            {
                total += n;
            }

            return total;
        }
        catch (InvalidDataException)
        {
            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>The bytes an LZ4 block decodes to in a buffer of <paramref name="expected"/> (-1 when it does not fit or is malformed).</summary>
    private static long Lz4Length(ReadOnlySpan<byte> block, int expected) =>
        K4os.Compression.LZ4.LZ4Codec.Decode(block, GC.AllocateUninitializedArray<byte>(expected));

    private static DatasetFormatException Unsupported(ColumnMetaData column, string codec) =>
        new($"The Parquet file cannot be read: column '{string.Join('.', column.PathInSchema ?? [])}' is compressed with {codec}, which is not supported; write it with Snappy, Gzip, Zstandard, Brotli or LZ4_RAW.");

    /// <summary>
    /// A page header's numbers (-1 where absent). Types: 0 a data page, 2 a dictionary page, 3 a data page v2, whose
    /// levels (<see cref="Levels"/> bytes) come uncompressed before its values, which it may leave uncompressed too.
    /// </summary>
    private readonly record struct Page(long Type, long Uncompressed, long Compressed, long Values, long Levels, bool IsCompressed);

    private static DatasetFormatException Damaged(ColumnMetaData column, string what) =>
        new($"The Parquet file cannot be read: column '{string.Join('.', column.PathInSchema ?? [])}': {what}.");

    /// <summary>Thrift's compact protocol over a stream, from a position and never past a limit.</summary>
    private sealed class CompactReader(Stream file, long position, long limit, CancellationToken cancellationToken)
    {
        private int _reads;

        public long Position { get; private set; } = position;

        /// <summary>A whole struct, from its first field header to its stop.</summary>
        public void SkipStruct() => Skip(12, 0);

        /// <summary>
        /// A PageHeader struct: its fields 1 (type), 2 (uncompressed_page_size), 3 (compressed_page_size), and the
        /// num_values (field 1) of its data page header (5), dictionary page header (7) or data page header v2 (8).
        /// </summary>
        public Page ReadPage()
        {
            long type = -1, uncompressed = -1, compressed = -1, values = -1, levels = 0;
            var isCompressed = true;
            short field = 0;
            while (true)
            {
                var header = Byte();
                if (header == 0)
                {
                    return new Page(type, uncompressed, compressed, values, levels, isCompressed);
                }

                var kind = header & 0x0F;
                var delta = header >> 4;
                field = delta != 0 ? (short)(field + delta) : (short)ZigZag(Varint());
                switch (field)
                {
                    case 1 or 2 or 3 when kind == 5:
                        var value = ZigZag(Varint());
                        (type, uncompressed, compressed) = field switch
                        {
                            1 => (value, uncompressed, compressed),
                            2 => (type, value, compressed),
                            _ => (type, uncompressed, value),
                        };
                        break;
                    case 5 or 7 or 8 when kind == 12:
                        (values, levels, isCompressed) = PageFields();
                        break;
                    default:
                        Skip(kind, 1);
                        break;
                }
            }
        }

        /// <summary>
        /// A page's own header struct: its field 1, num_values (an i32); for a data page v2 also its levels' lengths
        /// (fields 5 and 6, i32) and is_compressed (field 7, a boolean, true when absent); the rest skipped.
        /// </summary>
        private (long Values, long Levels, bool IsCompressed) PageFields()
        {
            long values = -1, levels = 0;
            var isCompressed = true;
            short field = 0;
            while (Byte() is var header and not 0)
            {
                var kind = header & 0x0F;
                var delta = header >> 4;
                field = delta != 0 ? (short)(field + delta) : (short)ZigZag(Varint());
                switch (field)
                {
                    case 1 when kind == 5:
                        values = ZigZag(Varint());
                        break;
                    case 5 or 6 when kind == 5:
                        levels += ZigZag(Varint());
                        break;
                    case 7 when kind is 1 or 2:
                        isCompressed = kind == 1;
                        break;
                    default:
                        Skip(kind, 2);
                        break;
                }
            }

            return (values, levels, isCompressed);
        }

        private void Skip(int type, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new DatasetFormatException("The Parquet file cannot be read: a page header nests too deep.");
            }

            switch (type)
            {
                case 1 or 2: // a boolean, in the field header itself
                    break;
                case 3:
                    Byte();
                    break;
                case 4 or 5 or 6:
                    Varint();
                    break;
                case 7:
                    Advance(8);
                    break;
                case 8:
                    Advance(Varint());
                    break;
                case 9 or 10:
                    var list = Byte();
                    var size = (long)(list >> 4);
                    if (size == 15)
                    {
                        size = Varint();
                    }

                    var element = list & 0x0F;
                    Fits(size); // every element takes a byte at least
                    for (long i = 0; i < size; i++)
                    {
                        Element(element, depth);
                    }

                    break;
                case 11:
                    var entries = Varint();
                    if (entries > 0)
                    {
                        var kinds = Byte();
                        Fits(2 * entries); // a key and a value, a byte each at least (a boolean in a map takes a byte)
                        for (long i = 0; i < entries; i++)
                        {
                            Element(kinds >> 4, depth);
                            Element(kinds & 0x0F, depth);
                        }
                    }

                    break;
                case 12:
                    while (Byte() is var header and not 0)
                    {
                        if (header >> 4 == 0)
                        {
                            Varint(); // the field's id, when not a delta
                        }

                        Skip(header & 0x0F, depth + 1);
                    }

                    break;
                default:
                    throw new DatasetFormatException($"The Parquet file cannot be read: a page header has a field of unknown type {type}.");
            }
        }

        /// <summary>An element of a list, set or map: a boolean there takes a byte of its own.</summary>
        private void Element(int type, int depth)
        {
            if (type is 1 or 2)
            {
                Byte();
            }
            else
            {
                Skip(type, depth + 1);
            }
        }

        /// <summary>A count of elements no larger than the bytes left could hold.</summary>
        private void Fits(long elements)
        {
            if (elements < 0 || elements > limit - Position)
            {
                throw new DatasetFormatException("The Parquet file cannot be read: its metadata declares more elements than it has bytes.");
            }
        }

        private int Byte()
        {
            if ((++_reads & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (Position >= limit)
            {
                throw new DatasetFormatException("The Parquet file cannot be read: a page header runs past the end of its column chunk.");
            }

            file.Position = Position++;
            return file.ReadByte() is var value and >= 0
                ? value
                : throw new DatasetFormatException("The Parquet file cannot be read: it ends inside a page header.");
        }

        private void Advance(long bytes)
        {
            if (bytes < 0 || bytes > limit - Position)
            {
                throw new DatasetFormatException("The Parquet file cannot be read: a page header runs past the end of its column chunk.");
            }

            Position += bytes;
        }

        private long Varint()
        {
            long value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new DatasetFormatException("The Parquet file cannot be read: a page header holds a malformed number.");
        }

        private static long ZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);
    }
}
