using Analysis.Application.Common;

namespace Analysis.Tests.Application;

/// <summary>The memory budget for bodies and parsing: first come, first served; a wait that is too long is a 503.</summary>
public sealed class MemoryBudgetTests
{
    private const long MiB = 1 << 20;

    private static MemoryBudget Budget(long bytes = 100 * MiB, int waitSeconds = 5) =>
        new(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions { MemoryBudgetBytes = bytes, MemoryWaitSeconds = waitSeconds }));

    [Test]
    public async Task Reserve_WithinTheBudget_IsGrantedAtOnce_AndReleasedOnDispose()
    {
        var budget = Budget();

        var a = await budget.ReserveAsync(60 * MiB, CancellationToken.None);
        var b = await budget.ReserveAsync(40 * MiB, CancellationToken.None);
        var full = budget.ReservedBytes;
        a.Dispose();
        a.Dispose(); // twice is harmless

        Assert.That((full, budget.ReservedBytes), Is.EqualTo((100 * MiB, 40 * MiB)));
        b.Dispose();
    }

    [Test]
    public async Task Reserve_PastTheBudget_WaitsForARelease_InOrder()
    {
        var budget = Budget();
        var held = await budget.ReserveAsync(90 * MiB, CancellationToken.None);

        var first = budget.ReserveAsync(50 * MiB, CancellationToken.None).AsTask();
        var second = budget.ReserveAsync(5 * MiB, CancellationToken.None).AsTask();
        await Task.Delay(100);
        var waitedBoth = !first.IsCompleted && !second.IsCompleted; // the small one does not jump the queue
        held.Dispose();
        using var one = await first.WaitAsync(TimeSpan.FromSeconds(5));
        using var two = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(waitedBoth, Is.True);
            Assert.That(budget.ReservedBytes, Is.EqualTo(55 * MiB));
        });
    }

    [Test]
    public async Task Reserve_ThatWaitsTooLong_IsRefusedWith503_AndLeavesNothingReserved()
    {
        var budget = Budget(waitSeconds: 1);
        using var held = await budget.ReserveAsync(100 * MiB, CancellationToken.None);

        var refused = Assert.ThrowsAsync<ServiceUnavailableException>(async () => await budget.ReserveAsync(MiB, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.RetryAfterSeconds, Is.EqualTo(5));
            Assert.That(refused.Message, Does.StartWith("The service is reading as many large requests as its memory allows"));
            Assert.That(budget.ReservedBytes, Is.EqualTo(100 * MiB));
        });
    }

    [Test]
    public async Task Reserve_LargerThanTheWholeBudget_RunsAlone()
    {
        var budget = Budget();

        using var huge = await budget.ReserveAsync(500 * MiB, CancellationToken.None);

        Assert.That(budget.ReservedBytes, Is.EqualTo(100 * MiB));
    }
}
