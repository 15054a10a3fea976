using System.Globalization;
using System.Text;
using Analysis.Application.Datasets;
using nietras.SeparatedValues;

namespace Analysis.Infrastructure.Csv;

/// <summary>
/// The CSV rules of docs/api.md on Sep: header row, RFC 4180 quotes, delimiter <c>,</c> <c>;</c> or tab detected from
/// the header, invariant numbers, missing markers, UTF-8 BOM ignored, blank lines skipped, every other problem
/// reported with its line number.
/// </summary>
public static class SepDatasetReader
{
    private const int HeaderProbeBytes = 1 << 16;

    /// <summary>Sep's longest row.</summary>
    private const int MaxRowCharacters = 16_777_216;

    public static DatasetOutline Outline(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!csv.CanSeek)
        {
            throw new ArgumentException("The CSV stream must be seekable.", nameof(csv));
        }

        var start = csv.Position;
        var separator = DetectSeparator(csv);
        csv.Position = start;
        var rows = CountRows(csv);
        csv.Position = start;
        int columns;
        try
        {
            using var reader = Open(csv, separator);
            columns = reader.MoveNext() ? reader.Current.ColCount : 0;
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(1);
        }

        csv.Position = start;
        return new DatasetOutline(separator, columns, rows);
    }

    /// <summary>Outline and read in one call (tests and tools; the service reserves memory in between).</summary>
    public static Dataset Read(Stream csv, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null) =>
        Read(csv, Outline(csv), limits, cancellationToken, missing);

    public static Dataset Read(Stream csv, DatasetOutline outline, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null)
    {
        missing ??= MissingValues.Default;
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(limits);
        if (!csv.CanSeek)
        {
            throw new ArgumentException("The CSV stream must be seekable.", nameof(csv));
        }

        var start = csv.Position;
        var (separator, lines) = (outline.Separator, outline.RowBound);

        // Where the last complete row ended: a row Sep cannot hold (over 16 M characters, usually an unterminated
        // quote) is reported from there.
        var nextLine = 1;
        try
        {
            var builders = ReadRows(csv, start, separator, lines, limits, missing, line => nextLine = line, cancellationToken);
            RecoverText(csv, start, separator, builders);
            return new Dataset([.. builders.Select(b => b.Build())]);
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(nextLine);
        }
    }

    /// <summary>Sep's answer to a row it cannot hold, as the limit it is; lines count from the header, line 1.</summary>
    private static DatasetFormatException RowTooLong(int line) =>
        new($"Line {line}: a row longer than {MaxRowCharacters} characters; is a quote left unterminated?");

    private static ColumnBuilder[] ReadRows(
        Stream csv, long start, char separator, long lines, DatasetLimits limits, MissingValues missing, Action<int> rowEndsBefore,
        CancellationToken cancellationToken)
    {
        ColumnBuilder[] builders;
        using (var reader = Open(csv, separator))
        {
            builders = ReadHeader(reader, limits, missing, header =>
                // A row takes at least one byte per column (separators, line break), so lines inflated by quoted
                // line breaks cannot make the columns larger than the file could fill; and no more cells than the
                // limit are ever allocated.
                (int)Math.Min(Math.Min(Math.Min(limits.MaxRows, lines), ((csv.Length - start) / header) + 1), (limits.MaxCells / header) + 1));
            rowEndsBefore(reader.Current.LineNumberToExcl);
            var width = builders.Length;
            var rows = 0;
            foreach (var row in reader)
            {
                if (IsBlank(row))
                {
                    rowEndsBefore(row.LineNumberToExcl);
                    continue;
                }

                if (row.ColCount != width)
                {
                    throw new DatasetFormatException(
                        $"Line {row.LineNumberFrom}: {row.ColCount} field{(row.ColCount == 1 ? string.Empty : "s")}, but the header has {width}.");
                }

                if (++rows > limits.MaxRows)
                {
                    throw new DatasetFormatException($"More than {limits.MaxRows} data rows (the configured limit).");
                }

                if ((long)rows * width > limits.MaxCells)
                {
                    throw new DatasetFormatException(
                        $"More than {limits.MaxCells} cells (rows × columns, the configured limit), reached at line {row.LineNumberFrom}.");
                }

                if ((rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                for (var c = 0; c < width; c++)
                {
                    builders[c].Add(row[c]);
                }

                rowEndsBefore(row.LineNumberToExcl);
            }

            if (rows == 0)
            {
                throw new DatasetFormatException("No data rows: the CSV has a header but no values.");
            }
        }

        return builders;
    }

    public static IReadOnlyList<IReadOnlyList<string>> Preview(Stream csv, DatasetOutline outline, int rows)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(outline);
        var start = csv.Position;
        var nextLine = 1;
        try
        {
            var preview = new List<IReadOnlyList<string>>(rows);
            using var reader = Open(csv, outline.Separator);
            var header = true;
            foreach (var row in reader)
            {
                nextLine = row.LineNumberToExcl;
                if (header)
                {
                    header = false;
                    continue;
                }

                if (IsBlank(row))
                {
                    continue;
                }

                if (preview.Count == rows)
                {
                    break;
                }

                var cells = new string[row.ColCount];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString();
                }

                preview.Add(cells);
            }

            return preview;
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(nextLine);
        }
        finally
        {
            csv.Position = start;
        }
    }

    private static SepReader Open(Stream csv, char separator) =>
        Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.Outer, // spaces around a field go; spaces inside quotes belong to it (" a" is not "a")
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(csv, leaveOpen: true);

    /// <summary>
    /// Data rows at most: the lines after the header (a line is ended by a line break, or by the end of the file
    /// when the last one has none). Exact for a plain file, so a column is allocated at its final size and never
    /// copied; a quoted line break or a blank line only makes it larger. A vectorised count over the bytes costs
    /// little next to parsing.
    /// </summary>
    private static long CountRows(Stream csv)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            // Lines end in LF, CRLF or a bare CR: the larger count bounds them all.
            long feeds = 0, returns = 0;
            var last = (byte)'\n';
            int read;
            while ((read = csv.Read(buffer, 0, buffer.Length)) > 0)
            {
                feeds += buffer.AsSpan(0, read).Count((byte)'\n');
                returns += buffer.AsSpan(0, read).Count((byte)'\r');
                last = buffer[read - 1];
            }

            var lines = Math.Max(feeds, returns) + (last is (byte)'\n' or (byte)'\r' ? 0 : 1);
            return Math.Max(0, lines - 1);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ColumnBuilder[] ReadHeader(SepReader reader, DatasetLimits limits, MissingValues missing, Func<int, int> capacityFor)
    {
        if (!reader.MoveNext())
        {
            throw new DatasetFormatException("The CSV is empty: line 1 must be a header row.");
        }

        var header = reader.Current;
        if (header.ColCount > limits.MaxColumns)
        {
            throw new DatasetFormatException($"Line 1: {header.ColCount} columns; at most {limits.MaxColumns} are allowed.");
        }

        var capacity = capacityFor(header.ColCount);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var builders = new ColumnBuilder[header.ColCount];
        for (var c = 0; c < header.ColCount; c++)
        {
            var name = header[c].Span.Trim().ToString();
            if (name.Length == 0)
            {
                throw new DatasetFormatException($"Line 1: column {c + 1} has an empty name.");
            }

            if (!names.TryAdd(name, c))
            {
                throw new DatasetFormatException($"Line 1: column name '{name}' appears twice (columns {names[name] + 1} and {c + 1}).");
            }

            builders[c] = new ColumnBuilder(name, capacity, missing);
        }

        return builders;
    }

    /// <summary>A column that became categorical after some numbers gets those rows' exact text back.</summary>
    private static void RecoverText(Stream csv, long start, char separator, ColumnBuilder[] builders)
    {
        var pending = builders.Select((b, i) => (Builder: b, Index: i)).Where(x => x.Builder.NeedsTextBefore > 0).ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        var until = pending.Max(x => x.Builder.NeedsTextBefore);
        csv.Position = start;
        using var reader = Open(csv, separator);
        reader.MoveNext(); // header
        var r = 0;
        foreach (var row in reader)
        {
            if (IsBlank(row))
            {
                continue;
            }

            if (r >= until)
            {
                break;
            }

            foreach (var (builder, index) in pending)
            {
                if (r < builder.NeedsTextBefore)
                {
                    builder.SetText(r, row[index].Span);
                }
            }

            r++;
        }
    }

    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.Trim().IsEmpty;

    /// <summary>The delimiter is the most frequent of <c>,</c> <c>;</c> tab outside quotes in the header line.</summary>
    internal static char DetectSeparator(Stream csv)
    {
        var buffer = new byte[HeaderProbeBytes];
        var read = csv.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (ch is '\n' or '\r')
                {
                    break;
                }

                switch (ch)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        if (semicolons > commas && semicolons >= tabs)
        {
            return ';';
        }

        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }
}
