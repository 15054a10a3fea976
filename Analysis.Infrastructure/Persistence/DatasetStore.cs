using Analysis.Application.Common;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Datasets;
using Microsoft.Extensions.Logging;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Reads the columns a plan needs: from <see cref="RecentDatasets"/> when this process stored the dataset a
/// moment ago, else from <c>dataset_columns</c>, one column at a time, once the memory budget has room
/// for them (a worker waits for it as long as it takes: a run is not refused). A request's sample of rows is read
/// a stored part at a time, never a whole column.
/// </summary>
public sealed class DatasetStore(
    AnalysisDbContext db, RecentDatasets recent, ColumnCache cache, MemoryBudget memory, ILogger<DatasetStore> logger) : IDatasetStore
{
    public async Task<LoadedDataset?> LoadAsync(
        Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, long resultBytes, CancellationToken cancellationToken,
        bool forRequest = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!forRequest && recent.Take(datasetId) is { } local)
        {
            if (resultBytes <= 0)
            {
                return local;
            }

            if (memory.TryReserve(resultBytes) is { } results)
            {
                return local.With(results);
            }

            // The hand-off holds its dataset's memory: to wait for more while holding it could leave two runs each
            // waiting for the other's. Let it go, and read the dataset again in one reservation with its results.
            local.Dispose();
        }

        try
        {
            return await ReadReservedAsync(datasetId, schema, columns, resultBytes, forRequest ? null : Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            throw StorageErrors.Translate(db, ex, datasetId);
        }
    }

    public async Task<LoadedDataset?> ReadRowsAsync(
        Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, int[] rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ColumnBinaryFormat.RequireSample(rows, schema.Rows); // a caller's mistake, not a storage fault (caught below)
        var wanted = Wanted(schema, columns);

        // The sample's values, and the one stored part held while they are read (a column is never whole here), at
        // 8 bytes a cell as every reservation counts: a categorical column's level names are read whole, uncounted,
        // as they are when a run loads the column.
        var reserved = await memory.ReserveAsync(
            (8L * rows.Length * wanted.Count) + Math.Min(DatasetParts.PartBytes, 8L * schema.Rows), cancellationToken, wait: null);
        LoadedDataset? result = null;
        try
        {
            var loaded = new List<DataColumn>(wanted.Count);
            foreach (var (column, ordinal) in wanted)
            {
                var parts = await db.DatasetColumns.AsNoTracking()
                    .Where(d => d.DatasetId == datasetId && d.Ordinal == ordinal)
                    .OrderBy(d => d.Part)
                    .Select(d => new { d.Part, d.Data.Length })
                    .ToListAsync(cancellationToken);
                if (parts.Count == 0)
                {
                    logger.LogError("Dataset {DatasetId}: stored column {Ordinal} ({Column}) is missing", datasetId, ordinal, column.Name);
                    return null;
                }

                var reader = new ColumnPartsReader([.. parts.Select(p => p.Length)], (i, ct) =>
                {
                    var part = parts[i].Part;
                    return db.DatasetColumns.AsNoTracking()
                        .Where(d => d.DatasetId == datasetId && d.Ordinal == ordinal && d.Part == part)
                        .Select(d => d.Data)
                        .SingleOrDefaultAsync(ct);
                });
                try
                {
                    loaded.Add(await ColumnBinaryFormat.ReadRowsAsync(reader, column, schema.Rows, rows, cancellationToken));
                }
                catch (Exception ex) when (IsUnreadable(ex))
                {
                    logger.LogError(ex, "Dataset {DatasetId}: stored column {Ordinal} ({Column}) is unreadable", datasetId, ordinal, column.Name);
                    return null;
                }
            }

            result = new LoadedDataset(new Dataset(loaded), reserved);
            return result;
        }
        finally
        {
            if (result is null)
            {
                reserved.Dispose();
            }
        }
    }

    private static List<(ColumnSchema Column, int Ordinal)> Wanted(DatasetSchema schema, IReadOnlyCollection<string> columns) =>
        schema.Columns.Select((c, i) => (Column: c, Ordinal: i)).Where(x => columns.Contains(x.Column.Name)).ToList();

    /// <summary>
    /// Reserves the columns' memory and the results' (a worker waits as long as it takes: a run is not refused; a request
    /// as long as <paramref name="wait"/> allows, null: Analysis:MemoryWaitSeconds), then reads the columns whole.
    /// </summary>
    private async Task<LoadedDataset?> ReadReservedAsync(
        Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, long resultBytes, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var wanted = Wanted(schema, columns);
        var reserved = await memory.ReserveAsync((8L * schema.Rows * wanted.Count) + resultBytes, cancellationToken, wait);
        Dataset? dataset = null;
        try
        {
            dataset = await ReadAsync(datasetId, schema, wanted, cancellationToken);
            return dataset is null ? null : new LoadedDataset(dataset, reserved);
        }
        finally
        {
            if (dataset is null)
            {
                reserved.Dispose();
            }
        }
    }

    private async Task<Dataset?> ReadAsync(
        Guid datasetId, DatasetSchema schema, List<(ColumnSchema Column, int Ordinal)> wanted, CancellationToken cancellationToken)
    {
        var loaded = new List<DataColumn>(wanted.Count);
        foreach (var (column, ordinal) in wanted)
        {
            if (cache.Get(datasetId, ordinal) is { } cached)
            {
                loaded.Add(cached);
                continue;
            }

            var parts = await db.DatasetColumns.AsNoTracking()
                .Where(d => d.DatasetId == datasetId && d.Ordinal == ordinal)
                .OrderBy(d => d.Part)
                .Select(d => d.Data)
                .ToListAsync(cancellationToken);
            var bytes = parts.Count switch
            {
                0 => null,
                1 => parts[0],
                _ => Concatenate(parts),
            };
            if (bytes is null)
            {
                logger.LogError("Dataset {DatasetId}: stored column {Ordinal} ({Column}) is missing", datasetId, ordinal, column.Name);
                return null;
            }

            try
            {
                var read = ColumnBinaryFormat.Read(bytes, column, schema.Rows);
                loaded.Add(read);
                cache.Put(datasetId, ordinal, read);
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                logger.LogError(ex, "Dataset {DatasetId}: stored column {Ordinal} ({Column}) is unreadable", datasetId, ordinal, column.Name);
                return null;
            }
        }

        return new Dataset(loaded);
    }

    private static byte[] Concatenate(List<byte[]> parts)
    {
        var whole = new byte[parts.Sum(p => (long)p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(whole, at);
            at += part.Length;
        }

        return whole;
    }

    /// <summary>What decoding a stored column throws when its bytes are not what the format says.</summary>
    private static bool IsUnreadable(Exception ex) => ex is InvalidDataException or ArgumentException or IndexOutOfRangeException;
}
