using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly Lock _evictionLock = new();

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public bool TryGet(Guid sessionId, out SessionVersion version)
    {
        if (_entries.TryGetValue(sessionId, out var entry))
        {
            entry.Touch();
            version = entry.Version;
            return true;
        }

        version = default;
        return false;
    }

    public void Record(Guid sessionId, SessionVersion version)
    {
        _entries.AddOrUpdate(
            sessionId,
            _ => new Entry(version),
            (_, existing) => existing.Version.IsDeleted || (!version.IsDeleted && existing.Version.Version >= version.Version)
                ? existing
                : new Entry(version));

        if (_entries.Count > Capacity)
        {
            Evict();
        }
    }

    private void Evict()
    {
        lock (_evictionLock)
        {
            var excess = _entries.Count - Capacity;
            if (excess <= 0)
            {
                return;
            }

            var victims = _entries.OrderBy(e => e.Value.LastUsed).Take(excess + (Capacity / 10)).Select(e => e.Key).ToList();
            foreach (var id in victims)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Last use in milliseconds: coarse, but a read writes the entry at most once a millisecond and
    /// pollers on several cores do not fight over one shared counter.</summary>
    private sealed class Entry(SessionVersion version)
    {
        private long _lastUsed = Environment.TickCount64;

        public SessionVersion Version { get; } = version;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch()
        {
            var now = Environment.TickCount64;
            if (Volatile.Read(ref _lastUsed) != now)
            {
                Volatile.Write(ref _lastUsed, now);
            }
        }
    }
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
