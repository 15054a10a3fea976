namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// The current version of each session this process has seen lately (id → <see cref="SessionVersion"/>), from
/// published changes and database reads alike, so that a conditional status request can be answered 304 without the
/// database. An entry only moves forward and a deletion is final, whatever order the two sources arrive in. Past <see cref="Capacity"/>
/// entries the least recently used tenth is evicted; a miss (evicted, or never seen) means "ask the database".
/// Capacity 0 keeps nothing: every lookup misses.
/// <para>
/// Where changes also come from other processes (PostgreSQL), the map is only right while the subscription to
/// them is live: it starts suspended, and is suspended again (and emptied) whenever it drops, so that it can
/// never answer a stale 304 from before a change it did not hear.
/// </para>
/// </summary>
public sealed class CurrentVersions(int capacity = CurrentVersions.DefaultCapacity, bool suspended = false)
{
    public const int DefaultCapacity = 100_000;

    private readonly RecentlyUsedMap<Guid, SessionVersion> _versions = new(capacity);
    private volatile bool _suspended = suspended;
    private long _epoch;

    public int Capacity => _versions.Capacity;

    public int Count => _versions.Count;

    /// <summary>False while suspended: every lookup misses, nothing is recorded.</summary>
    public bool IsAnswering => !_suspended;

    /// <summary>
    /// Changes with every suspension and resumption. A database read takes it before it reads and gives it to
    /// <see cref="Record"/>: a read that began before the subscription (re)connected may have missed a change it did
    /// not carry, so what it read is not recorded.
    /// </summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public bool TryGet(Guid sessionId, out SessionVersion version)
    {
        if (_suspended)
        {
            version = default;
            return false;
        }

        return _versions.TryGetValue(sessionId, out version);
    }

    /// <summary>
    /// Records a version, from a change as it is published or from a database read. Versions only grow and a
    /// deletion is final, so the entry never moves backwards: a read that raced a change, or a change that arrives
    /// after a later one, cannot put an older version (or a deleted session) back. A version published by another
    /// process (no details) is completed by a later read of the same version.
    /// </summary>
    public void Record(Guid sessionId, SessionVersion version, long? readEpoch = null)
    {
        if (_suspended || (readEpoch is { } epoch && epoch != Epoch))
        {
            return;
        }

        _versions.AddOrUpdate(sessionId, version, (known, added) =>
            known.IsDeleted ? known
            : added.IsPast(known.Number) ? added
            : added.Number == known.Number && known.Owner is null && added.Owner is not null ? added
            : known);
    }

    /// <summary>The subscription to other processes' changes dropped: forget everything and answer nothing until it is back.</summary>
    public void Suspend()
    {
        _suspended = true;
        Interlocked.Increment(ref _epoch);
        _versions.Clear();
    }

    /// <summary>The subscription is live (again): start from nothing, and answer from what is heard from now.</summary>
    public void Resume()
    {
        Interlocked.Increment(ref _epoch);
        _versions.Clear();
        _suspended = false;
    }
}
