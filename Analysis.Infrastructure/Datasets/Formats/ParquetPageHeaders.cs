using Analysis.Application.Datasets;
using Parquet.Meta;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Walks the footer and every column chunk's page headers before Parquet.Net reads them (ADR-0020). Parquet.Net sizes
/// its metadata lists from the counts the footer declares, and a page's buffer from the size its header declares: a
/// crafted file could make one allocation of gigabytes. Here every list, set and map is held to the bytes left, and
/// each page header (Thrift's compact protocol, skipped field by field, nested at most <see cref="MaxDepth"/> deep) to
/// its chunk: a page may not declare more uncompressed bytes than its whole chunk, nor more compressed bytes than the
/// chunk has left. This narrows the hole and does not close it: ADR-0020 lists what a crafted file can still do.
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

                    var claimed = page.Type is 0 or 2 && page.Compressed > 0
                        ? column.Codec switch
                        {
                            CompressionCodec.SNAPPY => reader.SnappyLength(),
                            CompressionCodec.ZSTD => reader.ZstdContentSize(),
                            _ => 0,
                        }
                        : 0;
                    if (claimed > page.Uncompressed)
                    {
                        throw Damaged(column, $"a page's compressed data claims {claimed} bytes, more than its header declares ({page.Uncompressed})");
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

    /// <summary>A page header's numbers (-1 where absent). Types: 0 a data page, 2 a dictionary page, 3 a data page v2.</summary>
    private readonly record struct Page(long Type, long Uncompressed, long Compressed, long Values);

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
            long type = -1, uncompressed = -1, compressed = -1, values = -1;
            short field = 0;
            while (true)
            {
                var header = Byte();
                if (header == 0)
                {
                    return new Page(type, uncompressed, compressed, values);
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
                        values = NumValues();
                        break;
                    default:
                        Skip(kind, 1);
                        break;
                }
            }
        }

        /// <summary>A page's own header struct: its field 1, num_values (an i32), the rest skipped.</summary>
        private long NumValues()
        {
            long values = -1;
            short field = 0;
            while (Byte() is var header and not 0)
            {
                var kind = header & 0x0F;
                var delta = header >> 4;
                field = delta != 0 ? (short)(field + delta) : (short)ZigZag(Varint());
                if (field == 1 && kind == 5)
                {
                    values = ZigZag(Varint());
                }
                else
                {
                    Skip(kind, 2);
                }
            }

            return values;
        }

        /// <summary>The varint a Snappy block begins with: its uncompressed length.</summary>
        public long SnappyLength() => Varint();

        /// <summary>
        /// A Zstandard frame's content size, from its header (RFC 8878, 3.1.1.1): 0 when the frame does not say it.
        /// </summary>
        public long ZstdContentSize()
        {
            if (Byte() != 0x28 || Byte() != 0xB5 || Byte() != 0x2F || Byte() != 0xFD)
            {
                return 0; // not a frame a length can be read from; the decoder will say what is wrong
            }

            var descriptor = Byte();
            var singleSegment = (descriptor & 0x20) != 0;
            if (!singleSegment)
            {
                Byte(); // the window descriptor
            }

            Advance((descriptor & 0x03) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 }); // the dictionary id
            var sizeBytes = (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
            ulong size = 0;
            for (var i = 0; i < sizeBytes; i++)
            {
                size |= (ulong)Byte() << (8 * i);
            }

            return sizeBytes == 2 ? (long)size + 256 : (long)Math.Min(size, long.MaxValue);
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
