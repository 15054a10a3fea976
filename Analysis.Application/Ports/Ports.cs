using Analysis.Domain.Datasets;

namespace Analysis.Application.Ports;

/// <summary>Reads an uploaded CSV into a column-oriented dataset.</summary>
public interface IDatasetReader
{
    /// <summary>
    /// Parses the CSV. <paramref name="csv"/> must be seekable (a column that turns out categorical late is
    /// re-read for its exact text). Throws <see cref="DatasetFormatException"/> for a malformed file.
    /// </summary>
    Dataset Read(Stream csv, DatasetLimits limits, CancellationToken cancellationToken);
}

public sealed record DatasetLimits(int MaxRows, int MaxColumns);

/// <summary>The CSV breaks a rule of API.md (ragged row, duplicate header, no rows, too large ...).</summary>
public sealed class DatasetFormatException(string message) : Exception(message);

/// <summary>Loads a stored dataset for the worker.</summary>
public interface IDatasetStore
{
    /// <summary>
    /// The named columns of the session's dataset (a plan rarely needs them all); null when the dataset is
    /// missing or unreadable.
    /// </summary>
    Task<Dataset?> LoadAsync(Guid sessionId, DatasetSchema schema, IReadOnlyCollection<string> columns, CancellationToken cancellationToken);
}

/// <summary>Wakes the workers of this process: there may be a session to claim.</summary>
public interface IWorkSignal
{
    void Notify();

    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// Announces that a session changed (its new version) or was deleted (version 0). Long polls,
/// event streams, the version map and running workers listen. In-process now; a cross-process
/// implementation (PostgreSQL LISTEN/NOTIFY) plugs in behind the same interface.
/// </summary>
public interface ISessionChangeNotifier
{
    void Publish(Guid sessionId, int version);

    /// <summary>Subscribes to one session's changes; dispose to stop.</summary>
    IDisposable Subscribe(Guid sessionId, Action<int> onChange);
}
