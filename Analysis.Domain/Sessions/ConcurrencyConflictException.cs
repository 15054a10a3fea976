namespace Analysis.Domain.Sessions;

/// <summary>The session changed (or vanished) between read and save.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
