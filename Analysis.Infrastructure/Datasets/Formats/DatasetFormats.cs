using System.IO.Compression;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Tells an upload's format from its bytes, never its name (docs/api.md, Datasets): a ZIP holding
/// <c>xl/workbook.xml</c> is XLSX, a file that begins and ends with <c>PAR1</c> is Parquet, anything else is CSV.
/// </summary>
public static class DatasetFormats
{
    /// <summary>The cells that mean missing when the caller names none, as docs/api.md and the CSV reader have them.</summary>
    public static IReadOnlyList<string> DefaultNaStrings { get; } = ["", "NA", "NaN", "null"];

    private static ReadOnlySpan<byte> ZipLocalHeader => "PK\x03\x04"u8;

    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    /// <summary>
    /// The format of <paramref name="content"/>, which must be seekable; its position is left where it was. Reading a
    /// ZIP's central directory reads no entry's data, so a ZIP bomb costs nothing here.
    /// </summary>
    public static DatasetFormat Detect(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The dataset stream must be seekable.", nameof(content));
        }

        var start = content.Position;
        try
        {
            Span<byte> head = stackalloc byte[4];
            if (content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
            {
                return DatasetFormat.Csv;
            }

            if (head.SequenceEqual(ParquetMagic) && content.Length - start >= 12)
            {
                Span<byte> tail = stackalloc byte[4];
                content.Position = content.Length - tail.Length;
                content.ReadExactly(tail);
                return tail.SequenceEqual(ParquetMagic) ? DatasetFormat.Parquet : DatasetFormat.Csv;
            }

            if (head.SequenceEqual(ZipLocalHeader))
            {
                content.Position = start;
                return HoldsWorkbook(start == 0 ? content : new SubStream(content, start)) ? DatasetFormat.Xlsx : DatasetFormat.Csv;
            }

            return DatasetFormat.Csv;
        }
        finally
        {
            content.Position = start;
        }
    }

    private static bool HoldsWorkbook(Stream zip)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            return archive.GetEntry("xl/workbook.xml") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false; // a ZIP that is not a workbook, or not a ZIP at all: read as CSV, whose rules will say what is wrong
        }
    }
}
