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
/// What a poller needs to know of a session without reading it: its version (the ETag's source), whether it is
/// over, and the advised wait before the next poll. Version 0 means the session was deleted.
/// </summary>
public readonly record struct SessionVersion(int Version, bool IsTerminal, int? RetryAfterSeconds)
{
    public static SessionVersion Deleted { get; } = new(0, true, null);

    public bool IsDeleted => Version == 0;
}

/// <summary>
/// Announces that a session changed (or was deleted). Long polls, event streams, the version map and running
/// workers listen. In-process now; a cross-process implementation (PostgreSQL LISTEN/NOTIFY) plugs in behind
/// the same interface.
/// </summary>
public interface ISessionChangeNotifier
{
    void Publish(Guid sessionId, SessionVersion version);

    /// <summary>Subscribes to one session's changes; dispose to stop. Callbacks must only signal, never block.</summary>
    IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange);
}

/// <summary>
/// The current version of recently seen sessions, kept by every change this process hears of, so that a
/// conditional status request can be answered 304 without the database. Bounded; a miss means "ask the database".
/// </summary>
public interface ISessionVersionMap
{
    bool TryGet(Guid sessionId, out SessionVersion version);

    /// <summary>
    /// Records a version, from a change as it is announced or from a database read. Versions only grow and a
    /// deletion is final, so the entry never moves backwards: a read that raced a change, or a notification that
    /// arrives after a later one, cannot put an older version (or a deleted session) back.
    /// </summary>
    void Record(Guid sessionId, SessionVersion version);
}
