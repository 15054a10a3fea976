using Analysis.Application.Common;
using Analysis.Infrastructure.Datasets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Analysis.Tests.Infrastructure;

/// <summary>The dataset hand-off: inside the memory budget, and never keeping memory anyone waits for.</summary>
public sealed class RecentDatasetsTests
{
    private const long MiB = 1 << 20;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private static Dataset Data(int rows) => new([new NumericColumn("x", new double[rows])]);

    private (RecentDatasets Handoff, MemoryBudget Budget) Create(bool workers = true)
    {
        var options = Options.Create(new AnalysisOptions { MemoryBudgetBytes = 64 * MiB, WorkerEnabled = workers, MemoryWaitSeconds = 5 });
        var budget = new MemoryBudget(options);
        return (new RecentDatasets(options, budget, _time), budget);
    }

    [Test]
    public void Put_ReservesWhatItHolds_AndTheTakerHoldsItUntilDisposed()
    {
        var (handoff, budget) = Create();
        using var _ = handoff;
        var id = Guid.NewGuid();

        handoff.Put(id, Data(1000));
        var held = budget.ReservedBytes;
        var taken = handoff.Take(id)!;
        var whileRunning = budget.ReservedBytes;
        taken.Dispose();

        Assert.That((held, whileRunning, budget.ReservedBytes), Is.EqualTo((8000L, 8000L, 0L)));
    }

    [Test]
    public async Task AReservationThatMustWait_MakesTheHandoffGiveItsMemoryBack()
    {
        var (handoff, budget) = Create();
        using var _ = handoff;
        var id = Guid.NewGuid();
        handoff.Put(id, Data(4 * 1024 * 1024)); // 32 MiB held for a worker that may never come

        using var needed = await budget.ReserveAsync(48 * MiB, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(handoff.Take(id), Is.Null, "dropped: the worker reads it from the database");
            Assert.That(budget.ReservedBytes, Is.EqualTo(48 * MiB));
        });
    }

    [Test]
    public void Entries_NotTakenWithinAMinute_AreDroppedByTheTimer()
    {
        var (handoff, budget) = Create();
        using var _ = handoff;
        handoff.Put(Guid.NewGuid(), Data(1000));

        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.That((handoff.Count, budget.ReservedBytes), Is.EqualTo((0, 0L)));
    }

    [Test]
    public void AProcessWithoutWorkers_KeepsNothing()
    {
        var (handoff, budget) = Create(workers: false);
        using var _ = handoff;
        var id = Guid.NewGuid();

        handoff.Put(id, Data(1000));

        Assert.That((handoff.Take(id), budget.ReservedBytes), Is.EqualTo(((Analysis.Application.Datasets.LoadedDataset?)null, 0L)));
    }
}
