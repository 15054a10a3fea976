namespace Analysis.Domain.Sessions;

/// <summary>
/// The database could not take the write now (locked by another writer past the wait, or a transient fault); the
/// same write may succeed shortly. Nothing was changed.
/// </summary>
public sealed class StorageBusyException(string message, Exception? inner = null) : Exception(message, inner);
