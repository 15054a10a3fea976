namespace Analysis.Domain.Sessions;

/// <summary>
/// The database will not take this write however often it is tried (a value past its size limit): unlike
/// <see cref="StorageBusyException"/>, retrying is pointless. Nothing was changed.
/// </summary>
public sealed class StorageLimitExceededException(string message, Exception? inner = null) : Exception(message, inner);
