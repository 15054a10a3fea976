namespace Analysis.Domain.Sessions;

/// <summary>
/// A session changed (was created, or moved on): what it is now, as the facts the rest of the system reacts to —
/// pollers, event streams, caches and workers, in this process and others. Raised by the aggregate with every
/// new <see cref="Version"/>, published once its save has committed.
/// </summary>
public sealed record SessionChanged(
    Guid SessionId,
    string Owner,
    int Version,
    SessionStatus Status,
    int CompletedAnalyses,
    DateTimeOffset? StartedAt,
    bool Claimable);
