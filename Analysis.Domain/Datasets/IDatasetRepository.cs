namespace Analysis.Domain.Datasets;

/// <summary>
/// The persistence of an owner's stored datasets: store (once per content), find by content, delete. Every call takes
/// the caller's owner: another owner's dataset is as absent as an unknown id.
/// </summary>
public interface IDatasetRepository
{
    /// <summary>
    /// Stores the dataset and its columns — large ones in parts, several short transactions, made visible in the last,
    /// which checks the owner's storage quota (<paramref name="ownerByteLimit"/>, 0: none; throws
    /// <see cref="Sessions.StorageQuotaExceededException"/>). When the owner has a dataset of the same
    /// <see cref="StoredDataset.ContentKey"/> (stored before, or by a request at the same moment), stores nothing and
    /// returns that one.
    /// </summary>
    Task<DatasetAddition> AddAsync(StoredDataset dataset, Dataset data, long ownerByteLimit, CancellationToken cancellationToken);

    /// <summary>Keeps a dataset a session's inline upload made: stored through the datasets resource since, it stays when its sessions go.</summary>
    Task KeepAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The owner's dataset of this content, if there is one.</summary>
    Task<StoredDataset?> FindByContentAsync(string owner, string contentKey, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the owner's dataset and its columns: refused while a session of it is pending or running, and while it
    /// has any session unless <paramref name="withSessions"/> (then they are deleted first, as a session delete does).
    /// </summary>
    Task<DatasetDeletion> DeleteAsync(Guid id, string owner, bool withSessions, CancellationToken cancellationToken);
}

/// <summary>The dataset stored, or the one found with the same content (<see cref="Created"/> false).</summary>
public sealed record DatasetAddition(StoredDataset Dataset, bool Created);

/// <summary>What a delete did: <see cref="DatasetDeletionOutcome"/>, and how many sessions it has (when that stopped it) or took with it.</summary>
public sealed record DatasetDeletion(DatasetDeletionOutcome Outcome, int Sessions = 0);

public enum DatasetDeletionOutcome
{
    Deleted,
    NotFound,

    /// <summary>A session of it is pending or running.</summary>
    InUse,

    /// <summary>It has sessions, and the caller did not ask to delete them with it.</summary>
    HasSessions,
}
