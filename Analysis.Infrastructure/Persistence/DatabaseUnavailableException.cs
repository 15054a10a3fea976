namespace Analysis.Infrastructure.Persistence;

/// <summary>The database could not be reached at start within <c>Database:StartupTimeoutSeconds</c>; the message says where and why.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
