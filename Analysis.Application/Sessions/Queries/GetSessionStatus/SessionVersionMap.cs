namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// id → current version for the sessions this process has seen lately, from change notifications and database
/// reads alike, so that a conditional status request can be answered 304 without the database. An entry only
/// moves forward and a deletion is final, whatever order the two sources arrive in. Past <see cref="Capacity"/>
/// entries the least recently used tenth is evicted; a miss (evicted, or never seen) means "ask the database".
/// Capacity 0 keeps nothing: every lookup misses (for deployments where this process does not hear every change).
/// </summary>
public sealed class SessionVersionMap(int capacity = SessionVersionMap.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly RecentlyUsedMap<Guid, SessionVersion> _versions = new(capacity);

    public int Capacity => _versions.Capacity;

    public int Count => _versions.Count;

    public bool TryGet(Guid sessionId, out SessionVersion version) => _versions.TryGetValue(sessionId, out version);

    /// <summary>
    /// Records a version, from a change as it is announced or from a database read. Versions only grow and a
    /// deletion is final, so the entry never moves backwards: a read that raced a change, or a notification that
    /// arrives after a later one, cannot put an older version (or a deleted session) back.
    /// </summary>
    public void Record(Guid sessionId, SessionVersion version) =>
        _versions.AddOrUpdate(sessionId, version, (existing, added) =>
            existing.IsDeleted || (!added.IsDeleted && existing.Version >= added.Version) ? existing : added);
}
