using Analysis.Application.Common;
using Analysis.Application.Ports;

namespace Analysis.Infrastructure.Notifications;

/// <summary>
/// id → current version for the sessions this process has seen lately, from change notifications and database
/// reads alike. An entry only moves forward and a deletion is final, whatever order the two sources arrive in.
/// Past <see cref="Capacity"/> entries the least recently used tenth is evicted; an evicted session is simply
/// read from the database again.
/// </summary>
public sealed class SessionVersionMap(int capacity = SessionVersionMap.DefaultCapacity) : ISessionVersionMap
{
    public const int DefaultCapacity = 100_000;

    private readonly RecentlyUsedMap<Guid, SessionVersion> _versions = new(capacity);

    public int Capacity => _versions.Capacity;

    public int Count => _versions.Count;

    public bool TryGet(Guid sessionId, out SessionVersion version) => _versions.TryGetValue(sessionId, out version);

    public void Record(Guid sessionId, SessionVersion version) =>
        _versions.AddOrUpdate(sessionId, version, (existing, added) =>
            existing.IsDeleted || (!added.IsDeleted && existing.Version >= added.Version) ? existing : added);
}

/// <summary>For deployments where changes made by other processes are not announced here: every lookup misses.</summary>
public sealed class NoSessionVersionMap : ISessionVersionMap
{
    public bool TryGet(Guid sessionId, out SessionVersion version)
    {
        version = default;
        return false;
    }

    public void Record(Guid sessionId, SessionVersion version)
    {
    }
}
