using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions;

/// <summary>Storing the dataset would take its owner past the storage quota; nothing was stored.</summary>
public sealed class StorageQuotaExceededException(long storedBytes, long datasetBytes, long limitBytes)
    : DomainException(
        $"Storage quota exceeded: this key's owner stores {storedBytes} bytes of datasets and this one needs {datasetBytes} more, " +
        $"past the limit of {limitBytes}. Delete sessions to make room.")
{
    public long StoredBytes { get; } = storedBytes;

    public long DatasetBytes { get; } = datasetBytes;

    public long LimitBytes { get; } = limitBytes;
}
