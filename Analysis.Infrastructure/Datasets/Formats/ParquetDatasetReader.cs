using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Analysis.Application.Datasets;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Reads a Parquet file into a <see cref="Dataset"/> with Parquet.Net (ADR-0020), row group by row group into columns
/// allocated once at the file's row count. Numbers of every width (integers, unsigned, floating, decimal) are numeric;
/// strings, booleans (<c>TRUE</c>/<c>FALSE</c>), dates (<c>yyyy-MM-dd</c>), timestamps (ISO 8601, <c>Z</c> when the
/// file says UTC), times and UUIDs are categorical text; a null is missing, as are the cells that match
/// <c>naStrings</c>. Lists, maps and structs are refused, naming the column. The file's own row count decides the
/// limits before a value is read, and its declared uncompressed size is held to <see cref="MaxUncompressedBytes"/>.
/// </summary>
public sealed class ParquetDatasetReader(long maxUncompressedBytes = ParquetDatasetReader.DefaultMaxUncompressedBytes)
{
    /// <summary>1 GiB: the largest dataset the default limits allow (50 M cells) is 400 MB as plain doubles.</summary>
    public const long DefaultMaxUncompressedBytes = 1L << 30;

    /// <summary>What a decoded text value costs besides its characters: the string's header and a reference to it.</summary>
    private const int StringBytes = 48;

    /// <summary>What a decoded number costs: its value (8 bytes at most) and its definition level, with room to spare.</summary>
    private const int ValueBytes = 16;

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    public long MaxUncompressedBytes { get; } = maxUncompressedBytes > 0
        ? maxUncompressedBytes
        : throw new ArgumentOutOfRangeException(nameof(maxUncompressedBytes), "The bound must be positive.");

    /// <summary>
    /// The file's outline from its metadata, before a value is read: its columns and rows, checked against the limits
    /// as <see cref="ReadAsync"/> checks them. Reading it holds the columns (allocated once at the row count, 8 bytes
    /// a cell; a text column's codes take less) and one column chunk at a time as Parquet.Net decodes it: its
    /// uncompressed bytes, twice, and its values, a row each (<see cref="ValueBytes"/>, or for text a string object,
    /// <see cref="StringBytes"/>) — the outline's <see cref="DatasetOutline.WorkingBytes"/>.
    /// </summary>
    public Task<DatasetOutline> OutlineAsync(Stream parquet, DatasetLimits limits, CancellationToken cancellationToken = default) =>
        OpenedAsync(parquet, limits, (reader, fields, rows) =>
        {
            long working = 0;
            foreach (var group in reader.Metadata?.RowGroups ?? [])
            {
                foreach (var chunk in group.Columns)
                {
                    // Decoded, a chunk is its pages (its uncompressed bytes, and a copy) and its values, a row each
                    // whatever its encoding (a dictionary- or run-length-encoded chunk is far smaller than its values):
                    // a number and its definition level, or for text a string object and its reference.
                    var bytes = 2 * Math.Max(0, chunk.MetaData?.TotalUncompressedSize ?? 0);
                    var values = (chunk.MetaData?.Type == Parquet.Meta.Type.BYTE_ARRAY ? StringBytes : ValueBytes) * Math.Max(0, group.NumRows);
                    working = Math.Max(working, bytes + values);
                }
            }

            return Task.FromResult(new DatasetOutline(',', fields.Length, rows) { Format = DatasetFormat.Parquet, WorkingBytes = working });
        }, cancellationToken);

    /// <summary>
    /// Reads <paramref name="parquet"/> (seekable; its position is restored). <paramref name="naStrings"/> are the
    /// cells that mean missing (null: <see cref="DatasetFormats.DefaultNaStrings"/>). Throws
    /// <see cref="DatasetFormatException"/> for a damaged file, a nested or unsupported column, duplicate or empty
    /// names, no rows, or a file past the limits.
    /// </summary>
    public Task<Dataset> ReadAsync(
        Stream parquet, DatasetLimits limits, IEnumerable<string>? naStrings = null, CancellationToken cancellationToken = default)
    {
        var missing = new MissingMarkers(naStrings);
        return OpenedAsync(parquet, limits, async (reader, fields, rows) =>
        {
            var builders = fields.Select(f => new TypedColumnBuilder(f.Name, rows, missing)).ToArray();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                for (var c = 0; c < fields.Length; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await ReadColumnAsync(group, fields[c], builders[c], cancellationToken).ConfigureAwait(false);
                }
            }

            return new Dataset([.. builders.Select(b => b.Build())]);
        }, cancellationToken);
    }

    /// <summary>
    /// Opens the file (seekable; its position is restored) once its footer and page headers are checked
    /// (<see cref="ParquetPageHeaders"/>), checks its columns and rows against the limits, and runs
    /// <paramref name="body"/> on it; whatever Parquet.Net throws for a damaged file is a <see cref="DatasetFormatException"/>.
    /// </summary>
    private async Task<T> OpenedAsync<T>(
        Stream parquet, DatasetLimits limits, Func<ParquetReader, DataField[], int, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parquet);
        ArgumentNullException.ThrowIfNull(limits);
        if (!parquet.CanSeek)
        {
            throw new ArgumentException("The Parquet stream must be seekable.", nameof(parquet));
        }

        var start = parquet.Position;
        try
        {
            var file = start == 0 ? parquet : new SubStream(parquet, start);
            CheckFooter(file, cancellationToken);
            await using var reader = await ParquetReader.CreateAsync(file, ReaderOptions, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            ParquetPageHeaders.Check(file, reader.Metadata ?? throw new DatasetFormatException("The Parquet file has no metadata."), cancellationToken);
            var fields = Fields(reader.Schema, limits);
            return await body(reader, fields, Rows(reader, fields.Length, limits)).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new DatasetFormatException($"The Parquet file cannot be read: {e.Message}");
        }
        finally
        {
            parquet.Position = start;
        }
    }

    private static ParquetOptions ReaderOptions => new()
    {
        TreatByteArrayAsString = true, // older writers store text as plain BYTE_ARRAY
        TreatBigIntegersAsDates = true, // INT96 is a timestamp (Impala, old Spark)
        UseDateOnlyTypeForDates = false,
        UseBigDecimal = false,
    };

    /// <summary>What Parquet.Net throws for a file it cannot read (its own types, or the framework's).</summary>
    private static bool IsDamage(Exception e) =>
        e is ParquetException or Parquet.Meta.Proto.ThriftProtocolException or ZstdSharp.ZstdException or IOException or InvalidDataException or NotSupportedException or NotImplementedException
            or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException or InvalidCastException
        && e is not OperationCanceledException and not ObjectDisposedException;

    /// <summary>The footer's length must fit in the file, before Parquet.Net allocates it.</summary>
    private static void CheckFooter(Stream file, CancellationToken cancellationToken)
    {
        Span<byte> tail = stackalloc byte[8];
        if (file.Length < 12)
        {
            throw new DatasetFormatException("The Parquet file is too short to hold a footer.");
        }

        file.Position = file.Length - tail.Length;
        file.ReadExactly(tail);
        var footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (!tail[4..].SequenceEqual(Magic) || footer <= 0 || footer > file.Length - 12)
        {
            throw new DatasetFormatException("The Parquet file's footer is damaged (its length does not fit in the file).");
        }

        var start = file.Length - 8 - footer;
        ParquetPageHeaders.CheckFooter(file, start, start + footer, cancellationToken);
        file.Position = 0;
    }

    /// <summary>The top-level columns: flat, named, distinct, within the column limit.</summary>
    private static DataField[] Fields(ParquetSchema schema, DatasetLimits limits)
    {
        if (schema.Fields.Count > limits.MaxColumns)
        {
            throw new DatasetFormatException($"The Parquet file has {schema.Fields.Count} columns; at most {limits.MaxColumns} are allowed.");
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new DataField[schema.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = schema.Fields[i];
            if (field is not DataField data || data.IsArray)
            {
                var kind = field.SchemaType switch
                {
                    SchemaType.List => "a list",
                    SchemaType.Map => "a map",
                    SchemaType.Struct => "a struct",
                    _ => "repeated",
                };
                throw new DatasetFormatException(
                    $"Parquet column '{field.Name}' is {kind}; only flat columns (numbers, text, booleans, dates, times) can be read. Flatten it before uploading.");
            }

            var name = data.Name.Trim();
            if (name.Length == 0)
            {
                throw new DatasetFormatException($"Parquet column {i + 1} has an empty name.");
            }

            if (!names.TryAdd(name, i))
            {
                throw new DatasetFormatException($"Parquet column name '{name}' appears twice (columns {names[name] + 1} and {i + 1}).");
            }

            fields[i] = data;
        }

        return fields;
    }

    /// <summary>The file's row count from its metadata, held to the limits and the uncompressed bound before reading.</summary>
    private int Rows(ParquetReader reader, int width, DatasetLimits limits)
    {
        long rows = 0, bytes = 0;
        foreach (var group in reader.Metadata?.RowGroups ?? [])
        {
            rows += Math.Max(0, group.NumRows);
            foreach (var chunk in group.Columns)
            {
                bytes += Math.Max(0, chunk.MetaData?.TotalUncompressedSize ?? 0);
            }
        }

        if (rows > limits.MaxRows)
        {
            throw new DatasetFormatException($"More than {limits.MaxRows} data rows (the configured limit).");
        }

        if (rows * width > limits.MaxCells)
        {
            throw new DatasetFormatException($"More than {limits.MaxCells} cells (rows × columns, the configured limit): the Parquet file has {rows} rows of {width} columns.");
        }

        if (bytes > MaxUncompressedBytes)
        {
            throw new DatasetFormatException($"The Parquet file's data inflates to {bytes} bytes, more than the {MaxUncompressedBytes} allowed.");
        }

        if (rows == 0)
        {
            throw new DatasetFormatException("No data rows: the Parquet file has columns but no rows.");
        }

        return (int)rows;
    }

    private static ValueTask ReadColumnAsync(ParquetRowGroupReader group, DataField field, TypedColumnBuilder column, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        var element = field.SchemaElement;
        if (field is TimeDataField || element?.ConvertedType is ConvertedType.TIME_MILLIS or ConvertedType.TIME_MICROS)
        {
            // A time of day: milliseconds (int), or micro- or nanoseconds (long) since midnight.
            var ticksPerUnit = element?.LogicalType?.TIME?.Unit.NANOS is not null ? 0.01
                : type == typeof(int) ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerMicrosecond;
            return type == typeof(int)
                ? ReadAsync<int>(group, field, column, v => column.AddLevel(TimeText((long)(v * ticksPerUnit))), cancellationToken)
                : ReadAsync<long>(group, field, column, v => column.AddLevel(TimeText((long)(v * ticksPerUnit))), cancellationToken);
        }

        if (type == typeof(double))
        {
            return ReadAsync<double>(group, field, column, column.AddNumber, cancellationToken);
        }

        if (type == typeof(float))
        {
            return ReadAsync<float>(group, field, column, v => column.AddNumber(v), cancellationToken);
        }

        if (type == typeof(int))
        {
            return ReadAsync<int>(group, field, column, v => column.AddNumber(v), cancellationToken);
        }

        if (type == typeof(long))
        {
            return ReadAsync<long>(group, field, column, v => column.AddNumber(v), cancellationToken);
        }

        if (type == typeof(ReadOnlyMemory<char>) || type == typeof(string))
        {
            return ReadAsync<ReadOnlyMemory<char>>(group, field, column, v => column.AddLevel(v.Span), cancellationToken);
        }

        if (type == typeof(DateTime))
        {
            var date = field is DateTimeDataField { DateTimeFormat: DateTimeFormat.Date };
            var utc = element?.LogicalType?.TIMESTAMP?.IsAdjustedToUTC
                ?? element?.ConvertedType is ConvertedType.TIMESTAMP_MILLIS or ConvertedType.TIMESTAMP_MICROS;
            return ReadAsync<DateTime>(group, field, column, v => AddDate(column, v, date, utc), cancellationToken);
        }

        return type switch
        {
            _ when type == typeof(bool) => ReadAsync<bool>(group, field, column, v => column.AddLevel(v ? "TRUE" : "FALSE"), cancellationToken),
            _ when type == typeof(decimal) => ReadAsync<decimal>(group, field, column, v => column.AddNumber((double)v), cancellationToken),
            _ when type == typeof(short) => ReadAsync<short>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(sbyte) => ReadAsync<sbyte>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(byte) => ReadAsync<byte>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(ushort) => ReadAsync<ushort>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(uint) => ReadAsync<uint>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(ulong) => ReadAsync<ulong>(group, field, column, v => column.AddNumber(v), cancellationToken),
            _ when type == typeof(Half) => ReadAsync<Half>(group, field, column, v => column.AddNumber((double)v), cancellationToken),
            _ when type == typeof(Guid) => ReadAsync<Guid>(group, field, column, v => column.AddLevel(v.ToString("D", CultureInfo.InvariantCulture)), cancellationToken),
            _ => throw new DatasetFormatException(
                $"Parquet column '{field.Name}' holds {(type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) ? "binary data" : type.Name)}, which is neither numbers nor text."),
        };
    }

    /// <summary>One column chunk, nulls told by their definition levels; buffers are pooled, values go straight to the column.</summary>
    private static async ValueTask ReadAsync<T>(
        ParquetRowGroupReader group, DataField field, TypedColumnBuilder column, Action<T> add, CancellationToken cancellationToken)
        where T : struct
    {
        var count = group.GetMetadata(field)?.MetaData?.NumValues ?? -1;
        if (count != group.RowCount)
        {
            throw new DatasetFormatException($"Parquet column '{field.Name}' has {count} values in a row group of {group.RowCount} rows; the file is damaged.");
        }

        var rows = (int)count;
        var values = ArrayPool<T>.Shared.Rent(Math.Max(1, rows));
        var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(1, rows)) : null;
        try
        {
            await group.ReadRawAsync(field, values.AsMemory(0, rows), levels?.AsMemory(0, rows), null, cancellationToken).ConfigureAwait(false);
            var next = 0;
            for (var row = 0; row < rows; row++)
            {
                if (levels is not null && levels[row] < field.MaxDefinitionLevel)
                {
                    column.AddMissing();
                }
                else
                {
                    add(values[next++]);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private static void AddDate(TypedColumnBuilder column, DateTime value, bool dateOnly, bool utc)
    {
        Span<char> text = stackalloc char[40];
        var format = dateOnly ? "yyyy-MM-dd"
            : value.Ticks % TimeSpan.TicksPerMillisecond != 0 ? "yyyy-MM-ddTHH:mm:ss.FFFFFFF"
            : value.Millisecond != 0 ? "yyyy-MM-ddTHH:mm:ss.fff"
            : "yyyy-MM-ddTHH:mm:ss";
        value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture);
        if (utc && !dateOnly)
        {
            text[length++] = 'Z';
        }

        column.AddLevel(text[..length]);
    }

    private static string TimeText(long ticks)
    {
        var time = new TimeSpan(ticks);
        return time.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
            : time.ToString(@"hh\:mm\:ss\.FFFFFFF", CultureInfo.InvariantCulture);
    }
}
