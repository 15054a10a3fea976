using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// The stored form of one dataset column (ADR-0005), one database row per column so that a column is written
/// and read with block copies and a worker loads only the columns its plan uses. The column's name, kind and
/// the row count live in the session's schema; the bytes are only the values:
/// <code>
/// numeric, dense:  rows × float64, little-endian, NaN = missing
/// numeric, sparse: byte 1 | int32 present | present × (int32 row + float64 value)   (mostly missing: 5 + 12k bytes,
///                  never a multiple of 8, so never taken for the dense form)
/// categorical:     int32 level count | levels × (int32 byte length + UTF-8) | byte width (1, 2, 4) | rows × (code + 1)
/// categorical with values past the kept levels: int32 −(level count + 1) | the same levels | width | rows × (code + 2)
/// </code>
/// </summary>
public static class ColumnBinaryFormat
{
    public static byte[] Write(DataColumn column) => column switch
    {
        NumericColumn n => IsSparse(n) ? WriteSparse(n.Values) : WriteNumeric(n.Values),
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
        var dense = column is NumericColumn n && !IsSparse(n);
        var whole = dense ? null : Write(column);
        var length = whole?.Length ?? SizeOf(column);
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        var step = dense ? partBytes / 8 * 8 : partBytes;
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
        NumericColumn n => IsSparse(n) ? SparseSize(n.Values.Length - n.MissingCount) : 8L * n.Values.Length,
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

    /// <summary>
    /// The values at <paramref name="sample"/> (ascending row numbers) only, as a column of that many rows, read
    /// through <paramref name="reader"/> so that only one stored part and the sample are in memory at once.
    /// </summary>
    public static async Task<DataColumn> ReadRowsAsync(
        ColumnPartsReader reader, ColumnSchema schema, int rows, int[] sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        RequireSample(sample, rows);

        if (schema.Type == ColumnType.Categorical)
        {
            return await ReadCategoricalRowsAsync(reader, schema.Name, rows, sample, cancellationToken);
        }

        var length = reader.Length;
        return new NumericColumn(schema.Name, IsSparseLength(length, rows)
            ? await ReadSparseRowsAsync(reader, rows, sample, cancellationToken)
            : await ReadNumericRowsAsync(reader, rows, sample, cancellationToken));
    }

    /// <summary>Throws unless <paramref name="sample"/> holds ascending row numbers below <paramref name="rows"/>.</summary>
    public static void RequireSample(int[] sample, int rows)
    {
        ArgumentNullException.ThrowIfNull(sample);
        for (var i = 0; i < sample.Length; i++)
        {
            if ((uint)sample[i] >= (uint)rows || (i > 0 && sample[i] <= sample[i - 1]))
            {
                throw new ArgumentException("The sample's rows must be ascending row numbers of the column.", nameof(sample));
            }
        }
    }

    private static async Task<double[]> ReadNumericRowsAsync(ColumnPartsReader reader, int rows, int[] sample, CancellationToken cancellationToken)
    {
        if (reader.Length != rows * 8L)
        {
            throw new InvalidDataException($"A stored numeric column has {reader.Length} bytes for {rows} rows.");
        }

        var values = new double[sample.Length];
        var buffer = new byte[8];
        for (var i = 0; i < sample.Length; i++)
        {
            reader.SkipTo(sample[i] * 8L);
            await reader.ReadAsync(buffer, cancellationToken);
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(buffer);
        }

        return values;
    }

    /// <summary>The sparse form holds the present values only: each is read and kept when its row is in the sample.</summary>
    private static async Task<double[]> ReadSparseRowsAsync(ColumnPartsReader reader, int rows, int[] sample, CancellationToken cancellationToken)
    {
        var buffer = new byte[12];
        await reader.ReadAsync(buffer.AsMemory(0, 5), cancellationToken);
        var present = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(1));
        RequireSparseHeader(buffer[0], present, reader.Length);

        var values = new double[sample.Length];
        Array.Fill(values, double.NaN);
        for (var k = 0; k < present; k++)
        {
            await reader.ReadAsync(buffer, cancellationToken);
            var row = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            if ((uint)row >= (uint)rows)
            {
                throw new InvalidDataException($"A stored sparse numeric column names row {row} of {rows}.");
            }

            var at = Array.BinarySearch(sample, row);
            if (at >= 0)
            {
                values[at] = BinaryPrimitives.ReadDoubleLittleEndian(buffer.AsSpan(4));
            }
        }

        return values;
    }

    private static async Task<CategoricalColumn> ReadCategoricalRowsAsync(
        ColumnPartsReader reader, string name, int rows, int[] sample, CancellationToken cancellationToken)
    {
        var buffer = new byte[4];
        await reader.ReadAsync(buffer, cancellationToken);
        var count = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        var offset = StoredCodeOffset(count);
        var levels = new string[count < 0 ? -count - 1 : count];
        for (var i = 0; i < levels.Length; i++)
        {
            await reader.ReadAsync(buffer, cancellationToken);
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            if (length < 0 || length > reader.Length - reader.Position)
            {
                throw new InvalidDataException($"A stored categorical column's level {i} has a length of {length}.");
            }

            var text = new byte[length];
            await reader.ReadAsync(text, cancellationToken);
            levels[i] = Encoding.UTF8.GetString(text);
        }

        await reader.ReadAsync(buffer.AsMemory(0, 1), cancellationToken);
        int width = buffer[0];
        var codesStart = reader.Position;
        RequireCodes(width, reader.Length - codesStart, rows);

        var codes = new int[sample.Length];
        for (var i = 0; i < sample.Length; i++)
        {
            reader.SkipTo(codesStart + ((long)width * sample[i]));
            await reader.ReadAsync(buffer.AsMemory(0, width), cancellationToken);
            codes[i] = ReadCode(buffer, width) - offset;
        }

        return new CategoricalColumn(name, codes, levels);
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

    /// <summary>Mostly missing (an empty or sparse column): stored as its present values only, when that is smaller.</summary>
    private static bool IsSparse(NumericColumn column) => SparseSize(column.Values.Length - column.MissingCount) < 8L * column.Values.Length;

    private static long SparseSize(long present) => 5 + (12 * present);

    private static byte[] WriteSparse(double[] values)
    {
        var present = values.Count(v => !double.IsNaN(v));
        var bytes = new byte[checked((int)SparseSize(present))];
        bytes[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), present);
        var at = 5;
        for (var row = 0; row < values.Length; row++)
        {
            if (!double.IsNaN(values[row]))
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), row);
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at + 4), values[row]);
                at += 12;
            }
        }

        return bytes;
    }

    private static double[] ReadSparse(ReadOnlySpan<byte> bytes, int rows)
    {
        var present = BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]);
        RequireSparseHeader(bytes[0], present, bytes.Length);

        var values = new double[rows];
        Array.Fill(values, double.NaN);
        for (var at = 5; at < bytes.Length; at += 12)
        {
            var row = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            if ((uint)row >= (uint)rows)
            {
                throw new InvalidDataException($"A stored sparse numeric column names row {row} of {rows}.");
            }

            values[row] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + 4)..]);
        }

        return values;
    }

    private static double[] ReadNumeric(ReadOnlySpan<byte> bytes, int rows)
    {
        if (IsSparseLength(bytes.Length, rows))
        {
            return ReadSparse(bytes, rows);
        }

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

    /// <summary>Stored codes are offset so that every code, missing and beyond-the-levels included, is 0 or more.</summary>
    private static int CodeOffset(CategoricalColumn column) => column.HasMoreLevels ? 2 : 1;

    private static long CategoricalSize(CategoricalColumn column) =>
        4 + column.Levels.Sum(l => 4L + Encoding.UTF8.GetByteCount(l)) + 1 +
        ((long)CodeWidth(column.Levels.Length + CodeOffset(column) - 1) * column.Codes.Length);

    private static byte[] WriteCategorical(CategoricalColumn column)
    {
        var offset = CodeOffset(column);
        var width = CodeWidth(column.Levels.Length + offset - 1);
        var bytes = new byte[checked((int)CategoricalSize(column))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, column.HasMoreLevels ? -(column.Levels.Length + 1) : column.Levels.Length);
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
            // Stored + offset so that missing (-1) and beyond (-2) are small and the width only holds the level count.
            var stored = code + offset;
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
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var offset = StoredCodeOffset(count);
        var levels = new string[count < 0 ? -count - 1 : count];
        var at = 4;
        for (var i = 0; i < levels.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            levels[i] = Encoding.UTF8.GetString(bytes.Slice(at + 4, length));
            at += 4 + length;
        }

        int width = bytes[at++];
        RequireCodes(width, bytes.Length - at, rows);

        var codes = new int[rows];
        for (var r = 0; r < rows; r++, at += width)
        {
            codes[r] = ReadCode(bytes[at..], width) - offset;
        }

        return new CategoricalColumn(name, codes, levels);
    }

    /// <summary>
    /// A numeric column's stored length says its form: the dense one is 8 bytes a row, the sparse one 5 + 12k bytes
    /// (never a multiple of 8).
    /// </summary>
    private static bool IsSparseLength(long length, int rows) => length != rows * 8L && length % 8 != 0 && length >= 5;

    private static void RequireSparseHeader(byte marker, int present, long length)
    {
        if (marker != 1 || present < 0 || length != SparseSize(present))
        {
            throw new InvalidDataException($"A stored sparse numeric column does not hold its {present} values.");
        }
    }

    /// <summary>The offset of the stored codes, from the stored level count (negative: values past the kept levels).</summary>
    private static int StoredCodeOffset(int storedLevelCount) => storedLevelCount < 0 ? 2 : 1;

    private static void RequireCodes(int width, long codeBytes, int rows)
    {
        if (width is not (1 or 2 or 4) || codeBytes != (long)width * rows)
        {
            throw new InvalidDataException($"A stored categorical column does not hold {rows} codes.");
        }
    }

    /// <summary>One stored code of <paramref name="width"/> bytes (1, 2 or 4) at the start of <paramref name="bytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadCode(ReadOnlySpan<byte> bytes, int width) => width switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes),
    };

    private static int CodeWidth(int levels) => levels < byte.MaxValue ? 1 : levels < ushort.MaxValue ? 2 : 4;
}
