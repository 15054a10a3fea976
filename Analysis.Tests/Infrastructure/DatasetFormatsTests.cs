using System.IO.Compression;
using System.Text;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Datasets.Formats;
using Parquet;
using Parquet.Schema;

namespace Analysis.Tests.Infrastructure;

/// <summary>An upload's format is told from its bytes, not its name (docs/api.md, Datasets), and the stream is left where it was.</summary>
public sealed class DatasetFormatsTests
{
    private static async Task<byte[]> ParquetFile()
    {
        var x = new DataField<double>("x");
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, new[] { 1.0, 2.0 });
        }

        return file.ToArray();
    }

    private static byte[] Zip(string entry)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write("x"u8);
        }

        return file.ToArray();
    }

    private static DatasetFormat Detect(byte[] bytes, int offset = 0)
    {
        var stream = new MemoryStream([.. new byte[offset], .. bytes]) { Position = offset };
        var format = DatasetFormats.Detect(stream);
        Assert.That(stream.Position, Is.EqualTo(offset), "the position is left where it was");
        return format;
    }

    [Test]
    public async Task Detect_FromTheContent_TellsEachFormat()
    {
        var xlsx = new XlsxTestWorkbook().Sheet("Data", [["x"], [1.0]]).Build();
        var parquet = await ParquetFile();

        Assert.Multiple(() =>
        {
            Assert.That(Detect(Encoding.UTF8.GetBytes("x,y\n1,2\n")), Is.EqualTo(DatasetFormat.Csv));
            Assert.That(Detect(xlsx), Is.EqualTo(DatasetFormat.Xlsx));
            Assert.That(Detect(xlsx, offset: 7), Is.EqualTo(DatasetFormat.Xlsx));
            Assert.That(Detect(parquet), Is.EqualTo(DatasetFormat.Parquet));
            Assert.That(Detect(parquet, offset: 3), Is.EqualTo(DatasetFormat.Parquet));
        });
    }

    [Test]
    public void Detect_LookAlikes_AreCsv()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Detect(Zip("word/document.xml")), Is.EqualTo(DatasetFormat.Csv), "a ZIP without xl/workbook.xml");
            Assert.That(Detect("PK\u0003\u0004 not a zip"u8.ToArray()), Is.EqualTo(DatasetFormat.Csv));
            Assert.That(Detect("PAR1,x\n1,2\n"u8.ToArray()), Is.EqualTo(DatasetFormat.Csv), "PAR1 only at the start");
            Assert.That(Detect("x\n"u8.ToArray()), Is.EqualTo(DatasetFormat.Csv));
            Assert.That(Detect([]), Is.EqualTo(DatasetFormat.Csv));
        });
    }

    [Test]
    public async Task Detect_AnXlsxUploadedAsCsv_IsStillXlsx_AndReadsAsOne()
    {
        var xlsx = new XlsxTestWorkbook().Sheet("Data", [["x"], [1.0]]).Build();
        await using var named = new FileStream(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
        await named.WriteAsync(xlsx);
        named.Position = 0;

        Assert.That(DatasetFormats.Detect(named), Is.EqualTo(DatasetFormat.Xlsx));
        Assert.That(new XlsxDatasetReader().Read(named, new(10, 10)).RowCount, Is.EqualTo(1));
    }
}
