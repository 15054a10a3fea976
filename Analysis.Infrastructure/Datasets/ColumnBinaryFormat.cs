using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Analysis.Domain.Datasets;

namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// The stored form of one dataset column (ADR-0005), one database row per column so that a column is written
/// and read with block copies and a worker loads only the columns its plan uses. The column's name, kind and
/// the row count live in the session's schema; the bytes are only the values:
/// <code>
/// numeric:     rows × float64, little-endian, NaN = missing
/// categorical: int32 level count | levels × (int32 byte length + UTF-8) | byte width (1, 2, 4) | rows × (code + 1)
/// </code>
/// </summary>
public static class ColumnBinaryFormat
{
    public static byte[] Write(DataColumn column) => column switch
    {
        NumericColumn n => WriteNumeric(n.Values),
        CategoricalColumn c => WriteCategorical(c),
        _ => throw new ArgumentException("Unknown column kind.", nameof(column)),
    };

    /// <summary>
    /// The same bytes as <see cref="Write"/>, cut into parts of at most <paramref name="partBytes"/> (the stored
    /// rows; ADR-0009). A numeric column's parts are made straight from its values, so the whole encoding never
    /// exists at once.
    /// </summary>
    public static IEnumerable<byte[]> WriteParts(DataColumn column, int partBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partBytes, 8);
        var whole = column is NumericColumn ? null : Write(column);
        var length = whole?.Length ?? SizeOf(column);
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        var step = column is NumericColumn ? partBytes / 8 * 8 : partBytes;
        for (long start = 0; start < length; start += step)
        {
            var size = (int)Math.Min(step, length - start);
            yield return whole is null
                ? WriteNumeric(((NumericColumn)column).Values.AsSpan((int)(start / 8), size / 8))
                : whole.AsSpan((int)start, size).ToArray();
        }
    }

    /// <summary>How many bytes <see cref="Write"/> produces for the column, without writing it.</summary>
    public static long SizeOf(DataColumn column) => column switch
    {
        NumericColumn n => 8L * n.Values.Length,
        CategoricalColumn c => CategoricalSize(c),
        _ => throw new ArgumentException("Unknown column kind.", nameof(column)),
    };

    public static DataColumn Read(ReadOnlySpan<byte> bytes, ColumnSchema schema, int rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Type == ColumnType.Numeric
            ? new NumericColumn(schema.Name, ReadNumeric(bytes, rows))
            : ReadCategorical(bytes, schema.Name, rows);
    }

    private static byte[] WriteNumeric(ReadOnlySpan<double> values)
    {
        var bytes = new byte[checked(values.Length * 8)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
            }
        }

        return bytes;
    }

    private static double[] ReadNumeric(ReadOnlySpan<byte> bytes, int rows)
    {
        if (bytes.Length != rows * 8L)
        {
            throw new InvalidDataException($"A stored numeric column has {bytes.Length} bytes for {rows} rows.");
        }

        var values = new double[rows];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (var i = 0; i < rows; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
            }
        }

        return values;
    }

    private static long CategoricalSize(CategoricalColumn column) =>
        4 + column.Levels.Sum(l => 4L + Encoding.UTF8.GetByteCount(l)) + 1 + ((long)CodeWidth(column.Levels.Length) * column.Codes.Length);

    private static byte[] WriteCategorical(CategoricalColumn column)
    {
        var width = CodeWidth(column.Levels.Length);
        var bytes = new byte[checked((int)CategoricalSize(column))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, column.Levels.Length);
        var at = 4;
        foreach (var level in column.Levels)
        {
            var length = Encoding.UTF8.GetBytes(level, span[(at + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], length);
            at += 4 + length;
        }

        span[at++] = (byte)width;
        foreach (var code in column.Codes)
        {
            // Stored +1 so that missing (-1) is 0 and the width only has to hold the level count.
            var stored = code + 1;
            switch (width)
            {
                case 1: span[at] = (byte)stored; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)stored); break;
                default: BinaryPrimitives.WriteInt32LittleEndian(span[at..], stored); break;
            }

            at += width;
        }

        return bytes;
    }

    private static CategoricalColumn ReadCategorical(ReadOnlySpan<byte> bytes, string name, int rows)
    {
        var levels = new string[BinaryPrimitives.ReadInt32LittleEndian(bytes)];
        var at = 4;
        for (var i = 0; i < levels.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            levels[i] = Encoding.UTF8.GetString(bytes.Slice(at + 4, length));
            at += 4 + length;
        }

        int width = bytes[at++];
        if (width is not (1 or 2 or 4) || bytes.Length - at != (long)width * rows)
        {
            throw new InvalidDataException($"A stored categorical column does not hold {rows} codes.");
        }

        var codes = new int[rows];
        for (var r = 0; r < rows; r++, at += width)
        {
            codes[r] = (width switch
            {
                1 => bytes[at],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]),
            }) - 1;
        }

        return new CategoricalColumn(name, codes, levels);
    }

    private static int CodeWidth(int levels) => levels < byte.MaxValue ? 1 : levels < ushort.MaxValue ? 2 : 4;
}
