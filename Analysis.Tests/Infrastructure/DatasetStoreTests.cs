using Analysis.Application.Common;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Persistence;
using Analysis.Tests.Api;
using Analysis.Tests.Application;
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

    private static (DatasetStore Store, RecentDatasets Handoff, MemoryBudget Budget) Store(IServiceScope scope)
    {
        var options = Options.Create(new AnalysisOptions { MemoryBudgetBytes = 64 * MiB, WorkerEnabled = true });
        var budget = new MemoryBudget(options);
        var handoff = new RecentDatasets(options, budget, TimeProvider.System);
        return (new DatasetStore(scope.ServiceProvider.GetRequiredService<AnalysisDbContext>(), handoff, budget, NullLogger<DatasetStore>.Instance), handoff, budget);
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
