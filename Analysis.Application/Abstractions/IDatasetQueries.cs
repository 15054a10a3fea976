namespace Analysis.Application.Abstractions;

/// <summary>Reads of a caller's stored datasets, without change tracking: only the caller's own.</summary>
public interface IDatasetQueries
{
    /// <summary>The owner's dataset with how many sessions it has; null otherwise.</summary>
    Task<DatasetListing?> GetAsync(Guid id, string owner, CancellationToken cancellationToken);

    /// <summary>A page of the owner's datasets, newest first, with the owner's total.</summary>
    Task<(IReadOnlyList<DatasetListing> Datasets, int Total)> ListAsync(string owner, int page, int pageSize, CancellationToken cancellationToken);
}

/// <summary>A stored dataset and the number of sessions made on it.</summary>
public sealed record DatasetListing(StoredDataset Dataset, int Sessions);
