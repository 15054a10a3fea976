using System.Xml;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Reads one worksheet of an XLSX workbook into a <see cref="Dataset"/> under the CSV reader's rules (docs/api.md):
/// the first row with a value is the header; a column is numeric when every value that is not missing is a finite
/// number (a number cell, or text that reads as one, as in a CSV), else categorical (the cells' text); a formula
/// gives its cached value; a boolean is the text <c>TRUE</c>/<c>FALSE</c>; a date-formatted number is ISO text
/// (<c>2024-03-01</c>, <c>2024-03-01T12:30:00</c>); an error cell (<c>#N/A</c>) is missing. The workbook is read as a
/// ZIP of XML parts (ADR-0020): nothing is inflated past <see cref="MaxUncompressedBytes"/>, and a part that would
/// inflate more than <see cref="MaxCompressionRatio"/> times is refused before it is read.
/// </summary>
public sealed class XlsxDatasetReader(
    long maxUncompressedBytes = XlsxDatasetReader.DefaultMaxUncompressedBytes,
    int maxCompressionRatio = XlsxDatasetReader.DefaultMaxCompressionRatio)
{
    /// <summary>1 GiB: ten times the largest accepted upload at a typical sheet's 5–10× compression.</summary>
    public const long DefaultMaxUncompressedBytes = 1L << 30;

    /// <summary>Apache POI's bound: a sheet of numbers compresses 5–20 times; a ZIP bomb thousands of times.</summary>
    public const int DefaultMaxCompressionRatio = 100;

    public long MaxUncompressedBytes { get; } = maxUncompressedBytes > 0
        ? maxUncompressedBytes
        : throw new ArgumentOutOfRangeException(nameof(maxUncompressedBytes), "The bound must be positive.");

    public int MaxCompressionRatio { get; } = maxCompressionRatio > 0
        ? maxCompressionRatio
        : throw new ArgumentOutOfRangeException(nameof(maxCompressionRatio), "The ratio must be positive.");

    /// <summary>The workbook's worksheets in order (for a sheet picker). Leaves the stream where it found it.</summary>
    public IReadOnlyList<string> SheetNames(Stream xlsx)
    {
        return Guarded<IReadOnlyList<string>>(xlsx, () =>
        {
            using var package = XlsxPackage.Open(xlsx, new ZipBudget(MaxUncompressedBytes, MaxCompressionRatio));
            return [.. package.Sheets.Select(s => s.Name)];
        });
    }

    /// <summary>
    /// Reads <paramref name="sheet"/> (by name, exactly; null: the first worksheet). <paramref name="naStrings"/> are
    /// the cells that mean missing (null: <see cref="DatasetFormats.DefaultNaStrings"/>). Throws
    /// <see cref="DatasetFormatException"/> for a damaged or refused file, an unknown sheet (listing the sheets),
    /// a header with an empty, duplicate or merged cell, no data rows, or a sheet past the limits.
    /// </summary>
    public Dataset Read(
        Stream xlsx, DatasetLimits limits, string? sheet = null, IEnumerable<string>? naStrings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var missing = new MissingMarkers(naStrings);
        return Guarded(xlsx, () =>
        {
            using var package = XlsxPackage.Open(xlsx, new ZipBudget(MaxUncompressedBytes, MaxCompressionRatio));
            var (name, part) = Choose(package.Sheets, sheet);
            package.AdmitForReading(part);
            var sharedStrings = package.ReadSharedStrings();
            var dateStyles = package.ReadDateStyles();
            cancellationToken.ThrowIfCancellationRequested();
            using var reader = package.OpenSheet(part, out var sheetBytes);
            return new XlsxSheetReader(name, sharedStrings, dateStyles, package.Date1904, limits, missing, sheetBytes).Read(reader, cancellationToken);
        });
    }

    private static (string Name, string Part) Choose(IReadOnlyList<(string Name, string Part)> sheets, string? sheet)
    {
        if (sheets.Count == 0)
        {
            throw new DatasetFormatException("The workbook has no worksheet.");
        }

        if (sheet is null)
        {
            return sheets[0];
        }

        foreach (var candidate in sheets)
        {
            if (candidate.Name == sheet)
            {
                return candidate;
            }
        }

        throw new DatasetFormatException(
            $"The workbook has no sheet '{sheet}'; its sheets are {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}.");
    }

    /// <summary>Seekable input, position restored, and a damaged ZIP or XML reported as the format error it is.</summary>
    private static T Guarded<T>(Stream xlsx, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        if (!xlsx.CanSeek)
        {
            throw new ArgumentException("The XLSX stream must be seekable.", nameof(xlsx));
        }

        var start = xlsx.Position;
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException($"The XLSX file is not a readable ZIP archive: {e.Message}");
        }
        catch (XmlException e)
        {
            throw new DatasetFormatException($"The XLSX file's XML is damaged: {e.Message}");
        }
        finally
        {
            xlsx.Position = start;
        }
    }
}
