using Analysis.Application.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Loads a stored dataset: for the worker's run, or for a request that reads some of its rows.</summary>
public interface IDatasetStore
{
    /// <summary>
    /// The named columns of a stored dataset (a plan rarely needs them all), with their memory reserved in
    /// the budget together with <paramref name="resultBytes"/> for what the run will make of them (one reservation,
    /// waiting for it when needed: a run never holds memory while it waits for more); null when the dataset is missing
    /// or unreadable.
    /// </summary>
    /// <remarks>
    /// For a request (<paramref name="forRequest"/>: a create checking its plan, an export) the budget is waited for
    /// only as long as <c>Analysis:MemoryWaitSeconds</c>, then the request is refused (503), and a worker's hand-off is
    /// left for the worker.
    /// </remarks>
    Task<LoadedDataset?> LoadAsync(
        Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, long resultBytes, CancellationToken cancellationToken,
        bool forRequest = false);

    /// <summary>
    /// The named columns at the given rows only (ascending row numbers; a sample of rows for a chart), as a dataset
    /// of that many rows: read from storage a stored part at a time, leaving the worker's hand-off alone, so that
    /// the values it holds are the sample's and one part's, whatever the number of rows (a categorical column's
    /// level names are read whole). The budget is waited for only as long as <c>Analysis:MemoryWaitSeconds</c>, then
    /// the request is refused (503). Null when the dataset is missing or unreadable.
    /// </summary>
    Task<LoadedDataset?> ReadRowsAsync(
        Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, int[] rows, CancellationToken cancellationToken);
}
