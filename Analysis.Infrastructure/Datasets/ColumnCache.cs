using Analysis.Application.Common;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// Columns of stored datasets lately read from the database and decoded, kept so that the next session on the same
/// dataset — or a create checking its plan against it — takes them from memory instead of reading and decoding them
/// again (issue #19: analysis is one plan after another on the same data). A stored dataset never changes, so an
/// entry is never stale. Readers share the arrays: the engine only reads the columns it is given (every type is held
/// to that by <c>EngineReadsOnlyTests</c>), so five sessions on one dataset hold its columns once, not five times.
/// Inside the memory budget with a share of its own (taken without waiting, never more than
/// <c>Analysis:ColumnCacheBytes</c>), given back at once when anyone has to wait for memory; least recently used out
/// first (a reader still holding a column dropped keeps it, inside its own reservation). A process without workers
/// keeps nothing.
/// </summary>
public sealed class ColumnCache : IDisposable
{
    private readonly Dictionary<(Guid Dataset, int Ordinal), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byUse = new(); // most recently used first
    private readonly Lock _lock = new();
    private readonly MemoryBudget _memory;
    private long _bytes;

    public ColumnCache(IOptions<AnalysisOptions> options, MemoryBudget memory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        BudgetBytes = options.Value.WorkerEnabled ? options.Value.ColumnCacheBytes : 0;
        _memory.Pressed += DropAll;
    }

    /// <summary>Bytes of columns held at most (<c>Analysis:ColumnCacheBytes</c>; 0 without workers: nothing is held).</summary>
    public long BudgetBytes { get; }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The column, when held (counted as used now; the caller only reads it); null otherwise.</summary>
    public DataColumn? Get(Guid dataset, int ordinal)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((dataset, ordinal), out var node))
            {
                return null;
            }

            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value.Column;
        }
    }

    /// <summary>
    /// Keeps a column just read (the caller reads it too), making room by dropping the least recently used; nothing when
    /// it is larger than the cache, or the budget has no room for it now.
    /// </summary>
    public void Put(Guid dataset, int ordinal, DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var size = 8L * column.Length;
        if (size > BudgetBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey((dataset, ordinal)))
            {
                return;
            }

            while (_bytes + size > BudgetBytes && _byUse.Last is { } oldest)
            {
                Remove(oldest);
            }

            if (_memory.TryReserve(size) is not { } reserved)
            {
                return;
            }

            _entries[(dataset, ordinal)] = _byUse.AddFirst(new Entry(dataset, ordinal, column, size, reserved));
            _bytes += size;
        }
    }

    /// <summary>Drops a dataset's columns (it was deleted).</summary>
    public void Drop(Guid dataset)
    {
        lock (_lock)
        {
            foreach (var node in _entries.Where(e => e.Key.Dataset == dataset).Select(e => e.Value).ToList())
            {
                Remove(node);
            }
        }
    }

    public void Dispose()
    {
        _memory.Pressed -= DropAll;
        DropAll();
    }

    /// <summary>Someone waits for memory: the cache gives all of its share back.</summary>
    private void DropAll()
    {
        lock (_lock)
        {
            while (_byUse.Last is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byUse.Remove(node);
        _entries.Remove((node.Value.Dataset, node.Value.Ordinal));
        _bytes -= node.Value.Bytes;
        node.Value.Memory.Dispose();
    }

    private sealed record Entry(Guid Dataset, int Ordinal, DataColumn Column, long Bytes, IDisposable Memory);
}
