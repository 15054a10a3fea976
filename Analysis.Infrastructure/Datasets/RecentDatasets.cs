using System.Collections.Concurrent;
using Analysis.Application.Common;
using Analysis.Application.Datasets;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// Datasets this process has just stored, kept until a local worker takes them, so that a session created and
/// run in the same process is not read back from the database. A convenience, never an obligation: bounded by
/// total size and age (swept on a timer), inside the memory budget, and given up at once when anyone has to wait
/// for memory; whatever is not taken (the session ran elsewhere, or was deleted) is dropped. A process without
/// workers keeps nothing. The database copy is always the one of record.
/// </summary>
public sealed class RecentDatasets : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly Lock _lock = new();
    private readonly MemoryBudget _memory;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private long _bytes;

    public RecentDatasets(IOptions<AnalysisOptions> options, MemoryBudget memory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _time = time;
        BudgetBytes = options.Value.WorkerEnabled ? options.Value.DatasetHandoffBytes : 0;
        _memory.Pressed += DropAll;
        _sweeper = time.CreateTimer(_ => DropAged(), null, MaxAge / 2, MaxAge / 2);
    }

    /// <summary>Bytes of datasets held at most (<c>Analysis:DatasetHandoffBytes</c>; 0 without workers); 0 holds none.</summary>
    public long BudgetBytes { get; }

    public int Count => _entries.Count;

    public void Dispose()
    {
        _memory.Pressed -= DropAll;
        _sweeper.Dispose();
        DropAll();
    }

    public void Put(Guid sessionId, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var size = SizeOf(dataset);
        if (size > BudgetBytes)
        {
            return;
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (id, entry) in _entries.OrderBy(e => e.Value.StoredAt))
            {
                if (_bytes + size <= BudgetBytes && now - entry.StoredAt < MaxAge)
                {
                    break;
                }

                Remove(id)?.Memory.Dispose();
            }

            // Held datasets are inside the memory budget too; when it has no room now, the worker reads it back.
            if (_memory.TryReserve(size) is not { } reserved)
            {
                return;
            }

            if (_entries.TryAdd(sessionId, new Entry(dataset, size, now, reserved)))
            {
                _bytes += size;
            }
            else
            {
                reserved.Dispose();
            }
        }
    }

    /// <summary>
    /// Takes the dataset out with its share of the memory budget, which the taker now holds (a session runs once
    /// per claim, and a deleted one must not linger); null when this process does not hold it. Entries past their
    /// age go at the same time.
    /// </summary>
    public LoadedDataset? Take(Guid sessionId)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var id in _entries.Where(e => now - e.Value.StoredAt >= MaxAge).Select(e => e.Key).ToList())
            {
                Remove(id)?.Memory.Dispose();
            }

            return Remove(sessionId) is { } entry ? new LoadedDataset(entry.Dataset, entry.Memory) : null;
        }
    }

    /// <summary>Someone waits for memory: the hand-off gives all of its share back (workers read from the database).</summary>
    private void DropAll()
    {
        lock (_lock)
        {
            foreach (var id in _entries.Keys.ToList())
            {
                Remove(id)?.Memory.Dispose();
            }
        }
    }

    private void DropAged()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var id in _entries.Where(e => now - e.Value.StoredAt >= MaxAge).Select(e => e.Key).ToList())
            {
                Remove(id)?.Memory.Dispose();
            }
        }
    }

    /// <summary>Drops the dataset, if held (its session was deleted, or storing it failed).</summary>
    public void Drop(Guid sessionId)
    {
        lock (_lock)
        {
            Remove(sessionId)?.Memory.Dispose();
        }
    }

    private Entry? Remove(Guid sessionId)
    {
        if (!_entries.TryRemove(sessionId, out var entry))
        {
            return null;
        }

        _bytes -= entry.Size;
        return entry;
    }

    private static long SizeOf(Dataset dataset) =>
        dataset.Columns.Sum(c => c is NumericColumn ? 8L * c.Length : 4L * c.Length);

    private sealed record Entry(Dataset Dataset, long Size, DateTimeOffset StoredAt, IDisposable Memory);
}
