using System.Diagnostics;
using Analysis.Tests.Api;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// Workers are shared fairly between owners (issue #18): the owner with the fewest sessions running is served first,
/// and no owner runs more than <c>Quotas:MaxRunningPerOwner</c> at once — across processes on PostgreSQL too.
/// Long sessions are made by <see cref="WaitType"/>, a test-only type that takes as long as asked.
/// </summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class FairClaimsTests(string provider) : BothDatabases(provider)
{
    private static string Waits(double seconds) => $$"""[{"type":"wait","seconds":{{seconds}}}]""";

    private static async Task<int> RunningAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/session?status=running"))["total"]!.GetValue<int>();

    [Test]
    public async Task OwnerBsSession_CompletesWhileOwnerAsQueueIsFull()
    {
        // Two workers, so by default each owner may run one session at a time.
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerConcurrency"] = "2" }, s => s.AddSingleton<IAnalysisType>(new WaitType()));
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var queued = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            queued.Add(await alice.CreateSessionAsync("x\n1\n", Waits(30)));
        }

        var clock = Stopwatch.StartNew();
        var bobs = await bob.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await bob.WaitForStatusAsync(bobs, "completed");
        var waited = clock.Elapsed;
        var alicesRunning = await RunningAsync(alice);

        Assert.Multiple(() =>
        {
            // Oldest-first claims would have given both workers to alice's 30 s sessions.
            Assert.That(waited, Is.LessThan(TimeSpan.FromSeconds(20)), "bob did not wait for alice's sessions");
            Assert.That(alicesRunning, Is.EqualTo(1), "alice runs one at a time: half the two workers");
        });

        foreach (var id in queued)
        {
            using var _ = await alice.DeleteAsync($"/api/session/{id}");
        }
    }

    [Test]
    public async Task TheOwnerWithFewestRunning_IsServedFirst_EvenWithNewerSessions()
    {
        // No cap: only the order. One worker, so claims happen one after another.
        await using var factory = new ApiFactory(
            new() { ["Analysis:WorkerConcurrency"] = "1", ["Quotas:MaxRunningPerOwner"] = "0", ["Analysis:WorkerEnabled"] = "false" },
            s => s.AddSingleton<IAnalysisType>(new WaitType()));
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var alices = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            alices.Add(await alice.CreateSessionAsync("x\n1\n", Waits(0)));
        }

        var bobs = await bob.CreateSessionAsync("x\n1\n", Waits(0));
        using var scope = factory.Services.CreateScope();
        var claimer = scope.ServiceProvider.GetRequiredService<Analysis.Application.Sessions.Running.SessionClaimer>();

        // Alice's oldest first (nobody runs anything), then bob's (alice has one running), then alice's next.
        var first = await claimer.TryClaimNextAsync("w1", CancellationToken.None);
        var second = await claimer.TryClaimNextAsync("w2", CancellationToken.None);
        var third = await claimer.TryClaimNextAsync("w3", CancellationToken.None);

        Assert.That(new[] { first, second, third }.Select(g => g?.ToString()), Is.EqualTo(new[] { alices[0], bobs, alices[1] }));
    }

    [Test]
    public async Task AnOwnerAtTheCap_IsNotClaimedFor_UntilOneOfItsSessionsEnds()
    {
        await using var factory = new ApiFactory(
            new() { ["Quotas:MaxRunningPerOwner"] = "2", ["Analysis:WorkerEnabled"] = "false" },
            s => s.AddSingleton<IAnalysisType>(new WaitType()));
        using var alice = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await alice.CreateSessionAsync("x\n1\n", Waits(0));
        }

        using var scope = factory.Services.CreateScope();
        var claimer = scope.ServiceProvider.GetRequiredService<Analysis.Application.Sessions.Running.SessionClaimer>();
        var first = await claimer.TryClaimNextAsync("w1", CancellationToken.None);
        var second = await claimer.TryClaimNextAsync("w2", CancellationToken.None);
        var third = await claimer.TryClaimNextAsync("w3", CancellationToken.None);
        using var cancelled = await alice.PostAsync($"/api/session/{first}/cancel", null);
        var afterOneEnded = await claimer.TryClaimNextAsync("w3", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.Not.EqualTo(((Guid?)null, (Guid?)null)));
            Assert.That(third, Is.Null, "alice already runs 2, her cap");
            Assert.That(cancelled.IsSuccessStatusCode, Is.True);
            Assert.That(afterOneEnded, Is.Not.Null, "one ended: her third may run");
        });
    }
}
