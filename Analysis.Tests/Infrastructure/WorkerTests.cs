using Analysis.Application.Sessions.Running;
using Analysis.Tests.Api;
using Analysis.Tests.Application;
using Microsoft.Extensions.Logging;

namespace Analysis.Tests.Infrastructure;

/// <summary>The background worker against a real SQLite database: claims, leases, cancellation, recovery.</summary>
public sealed class WorkerTests
{
    private static async Task StoreAsync(ApiFactory factory, AnalysisSession session, Dataset dataset)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>().AddAsync(session, dataset, SessionAdmission.Unlimited, CancellationToken.None);
    }

    private static async Task<AnalysisSession> ReadAsync(ApiFactory factory, Guid id)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Analysis.Application.Abstractions.ISessionQueries>().GetByIdAsync(id, TestData.Owner, CancellationToken.None))!;
    }

    private static Dataset SmallData() => new([new NumericColumn("x", [1, 2, 3, 4])]);

    [Test]
    public async Task Cancel_WhileRunning_StopsTheRunWithinASecond()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerConcurrency"] = "1" });
        using var client = factory.CreateClient();
        var random = new Random(7);
        var big = new Dataset([new NumericColumn("x", [.. Enumerable.Range(0, 2_000_000).Select(_ => random.NextDouble())])]);
        var session = AnalysisSession.Create(TestData.Owner, "long", big.Schema, [.. Enumerable.Range(0, 100).Select(_ => new DescriptiveSpec(["x"]))], TimeProvider.System);
        await StoreAsync(factory, session, big);
        var id = session.Id.ToString();
        while ((await client.GetJsonAsync($"/api/session/{id}/status"))["summary"]!["progress"]!["completed"]!.GetValue<int>() < 1)
        {
            await Task.Delay(20);
        }

        var (status, _) = await client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel");
        var cancelledAt = DateTimeOffset.UtcNow;
        var deadline = cancelledAt.AddSeconds(10);
        CapturedLogs.LogEntry? stopped = null;
        while (stopped is null && DateTimeOffset.UtcNow < deadline)
        {
            stopped = factory.Logs.Entries.FirstOrDefault(e => e.Message.StartsWith($"Session {id} stopped", StringComparison.Ordinal));
            await Task.Delay(10);
        }

        var after = await ReadAsync(factory, session.Id);
        await TestContext.Out.WriteLineAsync($"run stopped {(stopped?.Time - cancelledAt)?.TotalMilliseconds:F0} ms after the cancel answered, after {after.CompletedAnalyses} of 100 analyses");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stopped, Is.Not.Null, "the worker logged that the run stopped");
            Assert.That(stopped!.Time - cancelledAt, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(after.Status, Is.EqualTo(SessionStatus.Cancelled));
            Assert.That(after.CompletedAnalyses, Is.LessThan(100));
        });
        Assert.That(await factory.CountRowsAsync(id), Is.EqualTo((1, 1, 0)), "no results were stored");
    }

    [Test]
    public async Task RunLongerThanMaxRunSeconds_IsStoppedAndFailedOnce_SayingWhy()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerConcurrency"] = "1", ["Analysis:MaxRunSeconds"] = "1" });
        using var client = factory.CreateClient();
        var random = new Random(7);
        var big = new Dataset([new NumericColumn("x", [.. Enumerable.Range(0, 2_000_000).Select(_ => random.NextDouble())])]);
        var session = AnalysisSession.Create(TestData.Owner, "long", big.Schema, [.. Enumerable.Range(0, 100).Select(_ => new DescriptiveSpec(["x"]))], TimeProvider.System);
        await StoreAsync(factory, session, big);

        var status = await client.WaitForStatusAsync(session.Id.ToString(), "failed", "completed");
        var after = await ReadAsync(factory, session.Id);

        Assert.Multiple(() =>
        {
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(status["summary"]!["error"]!.GetValue<string>(),
                Is.EqualTo("The session was stopped: it ran longer than the 1 s a session may run (Analysis:MaxRunSeconds)."));
            Assert.That(after.Attempts, Is.EqualTo(1), "not run again");
            Assert.That(after.CompletedAnalyses, Is.LessThan(100));
        });
    }

    [Test]
    public async Task DatabaseUnreachableAtTheRunsStart_HandsTheSessionBack_WithoutChargingTheAttempt()
    {
        var outage = new FirstLoadsFail(2);
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerConcurrency"] = "1" }, services =>
            services.AddScoped<Analysis.Application.Abstractions.IDatasetStore>(sp =>
                new FailingLoads(ActivatorUtilities.CreateInstance<Analysis.Infrastructure.Persistence.DatasetStore>(sp), outage)));
        using var client = factory.CreateClient();

        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await client.WaitForStatusAsync(id, "completed");
        var after = await ReadAsync(factory, Guid.Parse(id));

        Assert.Multiple(() =>
        {
            Assert.That(outage.Failed, Is.EqualTo(2), "two runs could not start");
            Assert.That(after.Attempts, Is.EqualTo(1), "only the run that ran is charged");
            Assert.That(factory.Logs.Entries.Count(e => e.Message.Contains("could not start", StringComparison.Ordinal)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task DatabaseUnreachableMidRun_HandsTheSessionBackAtOnce_CountingTheAttempt_WithoutAnErrorLine()
    {
        var outage = new MidRunOutage();
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerConcurrency"] = "1", ["Analysis:LeaseSeconds"] = "120" }, services =>
            services.AddScoped<ISessionQueue>(sp => new FailingMidRun(ActivatorUtilities.CreateInstance<Analysis.Infrastructure.Persistence.SessionQueue>(sp), outage)));
        using var client = factory.CreateClient();

        var started = DateTimeOffset.UtcNow;
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"},{"type":"descriptive"}]""");
        await client.WaitForStatusAsync(id, "completed");
        var took = DateTimeOffset.UtcNow - started;
        var after = await ReadAsync(factory, Guid.Parse(id));

        Assert.Multiple(() =>
        {
            Assert.That(outage.Failed, Is.EqualTo(3), "the progress save, the read after it and the first hand-back's read failed");
            Assert.That(after.Attempts, Is.EqualTo(2), "the run that computed is charged; the next one completed");
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(30)), "handed back, not left to its 120 s lease");
            Assert.That(factory.Logs.Entries.Count(e => e.Message.Contains("could not reach the database; handing it back", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category.StartsWith("Analysis.", StringComparison.Ordinal)), Is.Empty);
        });
    }

    /// <summary>
    /// The database goes away after the first analysis: the progress save fails, then the read after it (the run
    /// stops), then the first read of the hand-back (tried again until the database is back).
    /// </summary>
    private sealed class MidRunOutage
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public bool Fail(bool begin)
        {
            if (begin ? Failed == 0 : Failed is 1 or 2)
            {
                Interlocked.Increment(ref _failed);
                return true;
            }

            return false;
        }
    }

    private sealed class FailingMidRun(ISessionQueue inner, MidRunOutage outage) : ISessionQueue
    {
        public Task<AnalysisSession?> ClaimNextAsync(
            DateTimeOffset now, int maxRunningPerOwner, Action<AnalysisSession> claim, CancellationToken cancellationToken) =>
            inner.ClaimNextAsync(now, maxRunningPerOwner, claim, cancellationToken);

        public Task<AnalysisSession?> GetAsync(Guid id, CancellationToken cancellationToken) =>
            outage.Fail(begin: false)
                ? throw new StorageBusyException("The database cannot be reached (connection refused).")
                : inner.GetAsync(id, cancellationToken);

        public Task SaveAsync(AnalysisSession session, CancellationToken cancellationToken) =>
            session is { Status: SessionStatus.Running, CompletedAnalyses: > 0 } && outage.Fail(begin: true)
                ? throw new StorageBusyException("The database cannot be reached (connection refused).")
                : inner.SaveAsync(session, cancellationToken);

        public Task SaveCompletedAsync(AnalysisSession session, IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken) =>
            inner.SaveCompletedAsync(session, results, cancellationToken);

        public Task<bool> TryRenewLeaseAsync(Guid id, string holder, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
            inner.TryRenewLeaseAsync(id, holder, leaseExpiresAt, cancellationToken);

        public Task<int> ExpireLeasesAsync(string holderPrefix, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.ExpireLeasesAsync(holderPrefix, now, cancellationToken);
    }

    private sealed class FirstLoadsFail(int count)
    {
        private int _loads;

        public int Failed => Math.Min(Volatile.Read(ref _loads), count);

        public bool Fail() => Interlocked.Increment(ref _loads) <= count;
    }

    /// <summary>The real store, but its first loads fail as they do while the database restarts.</summary>
    private sealed class FailingLoads(Analysis.Application.Abstractions.IDatasetStore inner, FirstLoadsFail outage) : Analysis.Application.Abstractions.IDatasetStore
    {
        public Task<Analysis.Application.Datasets.LoadedDataset?> LoadAsync(
            Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, long resultBytes, CancellationToken cancellationToken,
            bool forRequest = false) =>
            outage.Fail()
                ? throw new StorageBusyException("The database cannot be reached (connection refused).")
                : inner.LoadAsync(datasetId, schema, columns, resultBytes, cancellationToken, forRequest);

        public Task<Analysis.Application.Datasets.LoadedDataset?> ReadRowsAsync(
            Guid datasetId, DatasetSchema schema, IReadOnlyCollection<string> columns, int[] rows, CancellationToken cancellationToken) =>
            inner.ReadRowsAsync(datasetId, schema, columns, rows, cancellationToken);
    }

    [Test]
    public async Task ExpiredLease_OfADeadWorker_IsClaimedAgainAndCompleted()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var session = AnalysisSession.Create(TestData.Owner, "orphan", SmallData().Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
        session.Start("dead-process:0", TimeSpan.FromMilliseconds(1), TimeProvider.System);
        await StoreAsync(factory, session, SmallData());

        await client.WaitForStatusAsync(session.Id.ToString(), "completed");

        var after = await ReadAsync(factory, session.Id);
        Assert.That((after.Attempts, after.LeaseHolder), Is.EqualTo((2, (string?)null)));
    }

    [Test]
    public async Task ExpiredLease_AfterThreeAttempts_FailsWithAReason()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var session = AnalysisSession.Create(TestData.Owner, "cursed", SmallData().Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
        for (var i = 0; i < AnalysisSession.MaxAttempts; i++)
        {
            if (session.Status == SessionStatus.Running)
            {
                session.ReleaseLease(TimeProvider.System);
            }

            session.Start($"dead-process:{i}", TimeSpan.FromMilliseconds(1), TimeProvider.System);
        }

        await StoreAsync(factory, session, SmallData());

        var status = await client.WaitForStatusAsync(session.Id.ToString(), "failed");

        Assert.That(status["summary"]!["error"]!.GetValue<string>(), Is.EqualTo(
            "The session could not be run: it was interrupted 3 times (worker stopped or internal error)."));
    }

    [Test]
    public async Task Claim_WhenEightWorkersRace_ExactlyOneWins()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        var session = AnalysisSession.Create(TestData.Owner, "contested", SmallData().Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
        await StoreAsync(factory, session, SmallData());
        using var start = new ManualResetEventSlim();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            var claimer = scope.ServiceProvider.GetRequiredService<SessionClaimer>();
            start.Wait();
            return await claimer.TryClaimNextAsync($"racer-{i}", CancellationToken.None);
        })).Append(Task.Run(() => { start.Set(); return (Guid?)null; })));

        var after = await ReadAsync(factory, session.Id);
        Assert.That(claims.Count(c => c == session.Id), Is.EqualTo(1));
        Assert.That((after.Status, after.Attempts), Is.EqualTo((SessionStatus.Running, 1)));
    }
}
