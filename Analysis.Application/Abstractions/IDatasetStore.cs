using Analysis.Application.Datasets;
using Analysis.Domain.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Loads a stored dataset: for the worker's run, or for a request that reads some of its rows.</summary>
public interface IDatasetStore
{
    /// <summary>
    /// The named columns of the session's dataset (a plan rarely needs them all), with their memory reserved in
    /// the budget (waiting for it when needed); null when the dataset is missing or unreadable.
    /// </summary>
    Task<LoadedDataset?> LoadAsync(Guid sessionId, DatasetSchema schema, IReadOnlyCollection<string> columns, CancellationToken cancellationToken);

    /// <summary>
    /// The named columns for a request (a sample of rows for a chart): read from storage, leaving the worker's
    /// hand-off alone; the memory budget is waited for only as long as <c>Analysis:MemoryWaitSeconds</c>, then the
    /// request is refused (503). Null when the dataset is missing or unreadable.
    /// </summary>
    Task<LoadedDataset?> ReadColumnsAsync(Guid sessionId, DatasetSchema schema, IReadOnlyCollection<string> columns, CancellationToken cancellationToken);
}
