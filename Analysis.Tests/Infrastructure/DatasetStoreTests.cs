using Analysis.Application.Common;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Persistence;
using Analysis.Tests.Api;
using Analysis.Tests.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// A run's memory: the dataset and what the run will make of it (its results, issue #18) are one reservation, so a run
/// never holds memory while it waits for more — two runs cannot each wait for the other's.
/// </summary>
public sealed class DatasetStoreTests
{
    private const long MiB = 1 << 20;

    private static async Task<(ApiFactory Factory, AnalysisSession Session, Dataset Data)> StoredAsync()
    {
        var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        var data = new Dataset([new NumericColumn("x", [.. Enumerable.Range(0, 100_000).Select(i => (double)i)])]);
        var session = AnalysisSession.Create(TestData.Owner, "s", data.Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>().AddAsync(session, data, SessionAdmission.Unlimited, CancellationToken.None);
        return (factory, session, data);
    }

    /// <summary>A store with its own budget and hand-off; the column cache off unless asked for (it holds budget of its own).</summary>
    private static (DatasetStore Store, RecentDatasets Handoff, MemoryBudget Budget) Store(IServiceScope scope, long cacheBytes = 0)
    {
        var options = Options.Create(new AnalysisOptions { MemoryBudgetBytes = 64 * MiB, WorkerEnabled = true, ColumnCacheBytes = cacheBytes });
        var budget = new MemoryBudget(options);
        var handoff = new RecentDatasets(options, budget, TimeProvider.System);
        var cache = new ColumnCache(options, budget);
        return (new DatasetStore(scope.ServiceProvider.GetRequiredService<AnalysisDbContext>(), handoff, cache, budget, NullLogger<DatasetStore>.Instance), handoff, budget);
    }

    [Test]
    public async Task Load_OfADatasetReadBefore_SharesItsColumnsFromTheCache_CountedOnce()
    {
        var (factory, session, data) = await StoredAsync();
        await using var _ = factory;
        using var scope = factory.Services.CreateScope();
        var (store, handoff, budget) = Store(scope, cacheBytes: 8 * MiB);
        using var __ = handoff;

        double[] first;
        using (var loaded = await store.LoadAsync(session.DatasetId, session.Dataset, ["x"], 0, CancellationToken.None))
        {
            first = ((NumericColumn)loaded!.Dataset.Columns[0]).Values;
        }

        var held = budget.ReservedBytes;
        var db = scope.ServiceProvider.GetRequiredService<AnalysisDbContext>();
        await db.DatasetColumns.Where(c => c.DatasetId == session.DatasetId).ExecuteDeleteAsync(); // read again, it could only come from memory
        using var again = await store.LoadAsync(session.DatasetId, session.Dataset, ["x"], 0, CancellationToken.None);
        var second = ((NumericColumn)again!.Dataset.Columns[0]).Values;

        Assert.Multiple(() =>
        {
            Assert.That(held, Is.EqualTo(8 * 100_000), "the cache's column, inside the budget");
            Assert.That(second, Is.EqualTo(((NumericColumn)data.Columns[0]).Values), "the stored values");
            Assert.That(second, Is.SameAs(first), "the same array: readers only read it (EngineReadsOnlyTests)");
        });

        var waiting = budget.ReserveAsync(63 * MiB, CancellationToken.None); // more than is free: it must wait, and the cache lets go
        using (await waiting)
        {
            Assert.That(budget.ReservedBytes, Is.EqualTo((63 * MiB) + (8 * 100_000)), "the second reader's columns, and the waiter's");
        }
    }

    [Test]
    public async Task Load_FromTheHandoff_WithRoom_HoldsTheResultsBesideIt()
    {
        var (factory, session, data) = await StoredAsync();
        await using var _ = factory;
        using var scope = factory.Services.CreateScope();
        var (store, handoff, budget) = Store(scope);
        using var __ = handoff;
        handoff.Put(session.Id, data);

        using (var loaded = await store.LoadAsync(session.Id, session.Dataset, ["x"], 10 * MiB, CancellationToken.None))
        {
            Assert.Multiple(() =>
            {
                Assert.That(loaded!.Dataset, Is.SameAs(data), "the hand-off's own dataset");
                Assert.That(budget.ReservedBytes, Is.EqualTo((8 * 100_000) + (10 * MiB)));
            });
        }

        Assert.That(budget.ReservedBytes, Is.Zero);
    }

    [Test]
    public async Task Load_FromTheHandoff_WithoutRoomForTheResults_LetsTheHandoffGo_AndWaitsHoldingNothing()
    {
        var (factory, session, data) = await StoredAsync();
        await using var _ = factory;
        using var scope = factory.Services.CreateScope();
        var (store, handoff, budget) = Store(scope);
        using var __ = handoff;
        handoff.Put(session.Id, data);
        var other = budget.TryReserve(60 * MiB)!; // another run's memory: too little is left for this one's results

        var load = store.LoadAsync(session.Id, session.Dataset, ["x"], 10 * MiB, CancellationToken.None);
        await Task.Delay(300);
        var whileWaiting = (load.IsCompleted, budget.ReservedBytes, handoff.Count);
        other.Dispose();
        using var loaded = await load.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(whileWaiting, Is.EqualTo((false, 60 * MiB, 0)), "waiting, and holding nothing: the hand-off was let go");
            Assert.That(loaded!.Dataset, Is.Not.SameAs(data), "read again from the database");
            Assert.That(((NumericColumn)loaded.Dataset.Columns[0]).Values, Is.EqualTo(((NumericColumn)data.Columns[0]).Values));
            Assert.That(budget.ReservedBytes, Is.EqualTo((8 * 100_000) + (10 * MiB)), "the dataset and the results, in one reservation");
        });
    }
}
