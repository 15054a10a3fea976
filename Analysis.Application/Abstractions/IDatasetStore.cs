using Analysis.Application.Datasets;
using Analysis.Domain.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Loads a stored dataset for the worker.</summary>
public interface IDatasetStore
{
    /// <summary>
    /// The named columns of the session's dataset (a plan rarely needs them all), with their memory reserved in
    /// the budget (waiting for it when needed); null when the dataset is missing or unreadable.
    /// </summary>
    Task<LoadedDataset?> LoadAsync(Guid sessionId, DatasetSchema schema, IReadOnlyCollection<string> columns, CancellationToken cancellationToken);
}
