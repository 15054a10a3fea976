using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// The service's <see cref="IDatasetReader"/>: tells an upload's format from its bytes (<see cref="DatasetFormats.Detect"/>)
/// and reads it with the reader for that format — Sep for CSV, <see cref="XlsxDatasetReader"/>,
/// <see cref="ParquetDatasetReader"/> — under the same limits, missing-value codes and errors.
/// </summary>
public sealed class UploadedFileReader(XlsxDatasetReader xlsx, ParquetDatasetReader parquet) : IDatasetReader
{
    public async Task<DatasetOutline> OutlineAsync(Stream file, string? sheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = DatasetFormats.Detect(file);
        if (sheet is not null && format != DatasetFormat.Xlsx)
        {
            throw new DatasetFormatException($"Only an XLSX workbook has sheets; this file is {Article(format)}.", "sheet");
        }

        // The outline's checks use no limits of their own beyond the configured ones, which the read checks again.
        var unlimited = new DatasetLimits(int.MaxValue, int.MaxValue);
        return format switch
        {
            DatasetFormat.Xlsx => xlsx.Outline(file, sheet, unlimited),
            DatasetFormat.Parquet => await parquet.OutlineAsync(file, unlimited, cancellationToken),
            _ => SepDatasetReader.Outline(file),
        };
    }

    public Task<Dataset> ReadAsync(
        Stream file, DatasetOutline outline, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null)
    {
        ArgumentNullException.ThrowIfNull(outline);
        missing ??= MissingValues.Default;
        return outline.Format switch
        {
            DatasetFormat.Xlsx => Task.FromResult(xlsx.Read(file, limits, outline.Sheet, missing.Strings, cancellationToken)),
            DatasetFormat.Parquet => parquet.ReadAsync(file, limits, missing.Strings, cancellationToken),
            _ => Task.FromResult(SepDatasetReader.Read(file, outline, limits, cancellationToken, missing)),
        };
    }

    public IReadOnlyList<IReadOnlyList<string>> Preview(Stream csv, DatasetOutline outline, int rows) => SepDatasetReader.Preview(csv, outline, rows);

    private static string Article(DatasetFormat format) => format == DatasetFormat.Parquet ? "a Parquet file" : "a CSV";
}
