using System.Collections.Concurrent;

namespace Analysis.Api.Sessions;

/// <summary>
/// The serialized status body of recently read sessions, one version each. A body is a pure function of the
/// session's state, and the state has one version per change, so a body cached for the version the version map
/// says is current is exactly what a database read would produce. Pollers that do not send If-None-Match
/// (a naive client, many tabs) are then answered from memory too. Bounded; least recently used go first.
/// </summary>
public sealed class StatusBodyCache(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly Lock _evictionLock = new();

    public bool TryGet(Guid sessionId, int version, out byte[] body)
    {
        if (capacity > 0 && _entries.TryGetValue(sessionId, out var entry) && entry.Version == version)
        {
            entry.Touch();
            body = entry.Body;
            return true;
        }

        body = [];
        return false;
    }

    public void Set(Guid sessionId, int version, byte[] body)
    {
        if (capacity <= 0)
        {
            return;
        }

        var entry = new Entry(version, body);
        _entries.AddOrUpdate(sessionId, entry, (_, existing) => existing.Version > version ? existing : entry);
        if (_entries.Count > capacity)
        {
            lock (_evictionLock)
            {
                foreach (var id in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - capacity + (capacity / 10)).Select(e => e.Key).ToList())
                {
                    _entries.TryRemove(id, out _);
                }
            }
        }
    }

    private sealed class Entry(int version, byte[] body)
    {
        private long _lastUsed = Environment.TickCount64;

        public int Version { get; } = version;

        public byte[] Body { get; } = body;

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
