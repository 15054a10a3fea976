namespace Analysis.Application.Sessions.Running;

/// <summary>
/// A claimed session's run could not begin: the database could not be reached to read the session or its dataset.
/// Nothing was computed, so the worker hands the session back without counting the attempt.
/// </summary>
public sealed class RunNotStartedException(Guid sessionId, Exception inner)
    : Exception($"Session {sessionId} could not start: {inner.Message}", inner);
