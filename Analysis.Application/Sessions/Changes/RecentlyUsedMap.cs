using System.Collections.Concurrent;

namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// A concurrent map of bounded size: past <see cref="Capacity"/> entries, the least recently used tenth is
/// dropped. Use is recorded to the millisecond, so a read writes an entry at most once a millisecond and readers
/// on several cores do not contend on a shared counter. Capacity 0 keeps nothing.
/// </summary>
public sealed class RecentlyUsedMap<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _evictionLock = new();

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public void Clear() => _entries.Clear();

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Touch();
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Adds the value, or replaces the present one with what <paramref name="update"/> returns for it.</summary>
    public void AddOrUpdate(TKey key, TValue value, Func<TValue, TValue, TValue> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Capacity <= 0)
        {
            return;
        }

        _entries.AddOrUpdate(key, _ => new Entry(value), (_, existing) => new Entry(update(existing.Value, value)));

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

            foreach (var key in _entries.OrderBy(e => e.Value.LastUsed).Take(excess + (Capacity / 10)).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(TValue value)
    {
        private long _lastUsed = Environment.TickCount64;

        public TValue Value { get; } = value;

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
