using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Analysis.Domain.Datasets;

namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// The stored form of a dataset (ADR-0005): column after column, numbers as raw little-endian doubles and
/// categories as level tables plus the narrowest code width that fits, so a worker loads a dataset with
/// block copies instead of parsing text again.
/// <code>
/// "ADS1" | int32 rows | int32 columns | per column: string name | byte kind |
///   numeric:     rows × float64
///   categorical: int32 levels | levels × string | byte width (1, 2 or 4) | rows × (code + 1) in that width
/// string = int32 byte length + UTF-8 bytes
/// </code>
/// </summary>
public static class DatasetBinaryFormat
{
    private const int Magic = 0x31534441; // "ADS1"
    private const byte NumericKind = 1;
    private const byte CategoricalKind = 2;

    public static byte[] Write(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var bytes = new byte[Size(dataset)];
        var w = new SpanWriter(bytes);
        w.Int32(Magic);
        w.Int32(dataset.RowCount);
        w.Int32(dataset.Columns.Count);
        foreach (var column in dataset.Columns)
        {
            w.String(column.Name);
            switch (column)
            {
                case NumericColumn n:
                    w.Byte(NumericKind);
                    w.Doubles(n.Values);
                    break;
                case CategoricalColumn c:
                    w.Byte(CategoricalKind);
                    w.Int32(c.Levels.Length);
                    foreach (var level in c.Levels)
                    {
                        w.String(level);
                    }

                    var width = CodeWidth(c.Levels.Length);
                    w.Byte((byte)width);
                    foreach (var code in c.Codes)
                    {
                        w.Code(code + 1, width);
                    }

                    break;
            }
        }

        return bytes;
    }

    public static Dataset Read(ReadOnlySpan<byte> bytes)
    {
        var r = new SpanReader(bytes);
        if (r.Int32() != Magic)
        {
            throw new InvalidDataException("Not a stored dataset (bad magic number).");
        }

        var rows = r.Int32();
        var count = r.Int32();
        var columns = new DataColumn[count];
        for (var i = 0; i < count; i++)
        {
            var name = r.String();
            switch (r.Byte())
            {
                case NumericKind:
                    columns[i] = new NumericColumn(name, r.Doubles(rows));
                    break;
                case CategoricalKind:
                    var levels = new string[r.Int32()];
                    for (var l = 0; l < levels.Length; l++)
                    {
                        levels[l] = r.String();
                    }

                    var width = r.Byte();
                    var codes = new int[rows];
                    for (var j = 0; j < rows; j++)
                    {
                        codes[j] = r.Code(width) - 1;
                    }

                    columns[i] = new CategoricalColumn(name, codes, levels);
                    break;
                default:
                    throw new InvalidDataException($"Unknown column kind in stored dataset (column {i}).");
            }
        }

        return new Dataset(columns);
    }

    private static int Size(Dataset dataset)
    {
        long size = 12;
        foreach (var column in dataset.Columns)
        {
            size += 4 + Encoding.UTF8.GetByteCount(column.Name) + 1;
            size += column switch
            {
                NumericColumn n => 8L * n.Values.Length,
                CategoricalColumn c => 4 + c.Levels.Sum(l => 4L + Encoding.UTF8.GetByteCount(l)) + 1 +
                                       ((long)CodeWidth(c.Levels.Length) * c.Codes.Length),
                _ => throw new InvalidOperationException("Unknown column kind."),
            };
        }

        return size <= Array.MaxLength
            ? (int)size
            : throw new InvalidOperationException($"Dataset too large to store ({size} bytes).");
    }

    // Codes are stored +1 so that missing (-1) is 0 and the width only has to hold levels.Length.
    private static int CodeWidth(int levels) => levels < byte.MaxValue ? 1 : levels < ushort.MaxValue ? 2 : 4;

    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        private int _at;

        public void Byte(byte value) => _buffer[_at++] = value;

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer[_at..], value);
            _at += 4;
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetBytes(value, _buffer[(_at + 4)..]);
            Int32(length);
            _at += length;
        }

        public void Doubles(ReadOnlySpan<double> values)
        {
            var target = _buffer.Slice(_at, values.Length * 8);
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(values).CopyTo(target);
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(target[(i * 8)..], values[i]);
                }
            }

            _at += target.Length;
        }

        public void Code(int value, int width)
        {
            switch (width)
            {
                case 1: _buffer[_at] = (byte)value; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(_buffer[_at..], (ushort)value); break;
                default: BinaryPrimitives.WriteInt32LittleEndian(_buffer[_at..], value); break;
            }

            _at += width;
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> buffer)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;
        private int _at;

        public byte Byte() => _buffer[_at++];

        public int Int32()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(_buffer[_at..]);
            _at += 4;
            return value;
        }

        public string String()
        {
            var length = Int32();
            var value = Encoding.UTF8.GetString(_buffer.Slice(_at, length));
            _at += length;
            return value;
        }

        public double[] Doubles(int count)
        {
            var source = _buffer.Slice(_at, count * 8);
            var values = new double[count];
            if (BitConverter.IsLittleEndian)
            {
                source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    values[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]);
                }
            }

            _at += source.Length;
            return values;
        }

        public int Code(int width)
        {
            int value = width switch
            {
                1 => _buffer[_at],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(_buffer[_at..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(_buffer[_at..]),
            };
            _at += width;
            return value;
        }
    }
}
