using Analysis.Application.Datasets;
using Analysis.Application.Common;
using Analysis.Infrastructure.Csv;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// The service's <see cref="IDatasetReader"/>: tells an upload's format from its bytes (<see cref="DatasetFormats.Detect"/>)
/// and reads it with the reader for that format — Sep for CSV, <see cref="XlsxDatasetReader"/>,
/// <see cref="ParquetDatasetReader"/> — under the same limits, missing-value codes and errors.
/// </summary>
public sealed class UploadedFileReader(XlsxDatasetReader xlsx, ParquetDatasetReader parquet, IOptions<AnalysisOptions> options) : IDatasetReader
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
        var outline = format switch
        {
            DatasetFormat.Xlsx => xlsx.Outline(file, sheet, unlimited),
            DatasetFormat.Parquet => await parquet.OutlineAsync(file, unlimited, cancellationToken),
            _ => SepDatasetReader.Outline(file),
        };

        // The columns of a large file may take the whole budget (the request then runs alone); what a reader holds
        // besides them — a workbook's shared strings, a Parquet column chunk being decoded — may not take more.
        var budget = options.Value.MemoryBudgetBytes;
        if (outline.WorkingBytes > budget)
        {
            throw new DatasetFormatException(outline.Format == DatasetFormat.Xlsx
                ? $"The workbook's shared strings would take about {Mb(outline.WorkingBytes)} MB to read, more than the {Mb(budget)} MB the service reads files in (Analysis:MemoryBudgetBytes). Save the sheet as CSV and upload that."
                : $"A column chunk of the Parquet file would take about {Mb(outline.WorkingBytes)} MB to decode, more than the {Mb(budget)} MB the service reads files in (Analysis:MemoryBudgetBytes). Write the file with smaller row groups.");
        }

        return outline;
    }

    private static long Mb(long bytes) => (bytes + 999_999) / 1_000_000;

    public Task<Dataset> ReadAsync(
        Stream file, DatasetOutline outline, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null)
    {
        ArgumentNullException.ThrowIfNull(outline);
        missing ??= MissingValues.Default;
        return outline.Format switch
        {
            DatasetFormat.Xlsx => Task.FromResult(xlsx.Read(file, limits, outline.Sheet, missing.Strings, outline.Columns, cancellationToken)),
            DatasetFormat.Parquet => parquet.ReadAsync(file, limits, missing.Strings, cancellationToken),
            _ => Task.FromResult(SepDatasetReader.Read(file, outline, limits, cancellationToken, missing)),
        };
    }

    public IReadOnlyList<IReadOnlyList<string>> Preview(Stream csv, DatasetOutline outline, int rows) => SepDatasetReader.Preview(csv, outline, rows);

    private static string Article(DatasetFormat format) => format == DatasetFormat.Parquet ? "a Parquet file" : "a CSV";
}
