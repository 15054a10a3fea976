using Analysis.Infrastructure.Datasets;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// A dataset as the rows of <c>dataset_columns</c>: every column in parts of at most <see cref="PartBytes"/>,
/// made as they are written so that only a transaction's worth exists besides the dataset itself (ADR-0009).
/// </summary>
internal sealed class DatasetParts(Guid datasetId, Dataset dataset)
{
    /// <summary>The largest stored row.</summary>
    public const int PartBytes = 4 << 20;

    /// <summary>Bytes written per transaction: SQLite's single writer lock is held for about this much I/O.</summary>
    public const long TransactionBytes = 8L << 20;

    /// <summary>The stored size: what the owner's storage quota counts.</summary>
    public long TotalBytes { get; } = dataset.Columns.Sum(ColumnBinaryFormat.SizeOf);

    public IEnumerable<DatasetColumnRecord> Records()
    {
        for (var ordinal = 0; ordinal < dataset.Columns.Count; ordinal++)
        {
            var part = 0;
            foreach (var bytes in ColumnBinaryFormat.WriteParts(dataset.Columns[ordinal], PartBytes))
            {
                yield return new DatasetColumnRecord(datasetId, ordinal, part++, bytes);
            }
        }
    }

    public static DatasetParts Of(Guid datasetId, Dataset dataset) => new(datasetId, dataset);
}
