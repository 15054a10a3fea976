using Analysis.Application.Abstractions;
using Analysis.Application.Common;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

public sealed class SessionRunnerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));
    private Mock<ISessionQueue> _queue = null!;
    private Mock<IDatasetStore> _datasets = null!;
    private AnalysisSession _session = null!;
    private List<(int Completed, int Version)> _progressSaves = null!;

    [SetUp]
    public void SetUp()
    {
        _queue = new Mock<ISessionQueue>();
        _datasets = new Mock<IDatasetStore>();
        _datasets.Setup(d => d.LoadAsync(It.IsAny<Guid>(), It.IsAny<DatasetSchema>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<long>(), It.IsAny<CancellationToken>())).ReturnsAsync(new LoadedDataset(TestData.Sleep(), MemoryBudget.Nothing));
        _progressSaves = [];
        _queue.Setup(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, CancellationToken>((s, _) => _progressSaves.Add((s.CompletedAnalyses, s.Version)))
            .Returns(Task.CompletedTask);
    }

    private SessionRunner Runner() => new(_queue.Object, _datasets.Object, AnalysisTypeRegistry.BuiltIn, _time, TestData.Options(), NullLogger<SessionRunner>.Instance);

    private void GivenRunningSession(params AnalysisSpec[] plan)
    {
        _session = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, plan, _time);
        _session.Start("w", TimeSpan.FromSeconds(30), _time);
        _queue.Setup(r => r.GetAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
    }

    /// <summary>The results the runner stores with the completion (read after the run).</summary>
    private List<AnalysisResult> CaptureStoredResults()
    {
        var stored = new List<AnalysisResult>();
        _queue.Setup(r => r.SaveCompletedAsync(_session, It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, IReadOnlyList<AnalysisResult>, CancellationToken>((_, results, _) => stored.AddRange(results))
            .Returns(Task.CompletedTask);
        return stored;
    }

    [Test]
    public void RunAsync_WhenTheSessionCannotBeRead_HasNotStarted()
    {
        var id = Guid.CreateVersion7();
        _queue.Setup(r => r.GetAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new StorageBusyException("connection refused"));

        Assert.ThrowsAsync<RunNotStartedException>(() => Runner().RunAsync(id, CancellationToken.None));
    }

    [Test]
    public void RunAsync_WhenTheDatasetCannotBeRead_HasNotStarted_AndSavesNothing()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        _datasets.Setup(d => d.LoadAsync(It.IsAny<Guid>(), It.IsAny<DatasetSchema>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StorageBusyException("connection refused"));

        Assert.ThrowsAsync<RunNotStartedException>(() => Runner().RunAsync(_session.Id, CancellationToken.None));
        _queue.Verify(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RunAsync_WhenAllAnalysesCompute_SavesProgressThenCompletesWithResults()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]));
        var stored = CaptureStoredResults();

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(_progressSaves.Select(p => p.Completed), Is.EqualTo(new[] { 1, 2 }), "progress after each analysis but the last");
            Assert.That(_session.Status, Is.EqualTo(SessionStatus.Completed));
            Assert.That(stored, Has.Count.EqualTo(3));
            Assert.That(_session.Highlights, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task RunAsync_CompletionLogLine_SaysHowLongTheAnalysesAloneTook()
    {
        // The engine benchmark compares ComputeMs with SciPy's call: it must leave out the saves. The progress save
        // after the first analysis and the completion's save take 300 ms each here, so ElapsedMs is at least
        // ComputeMs + 600 (550 is relied on: a timer may fire early), and either save counted would break it.
        GivenRunningSession(new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]));
        _queue.Setup(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>())).Returns(() => Task.Delay(300));
        _queue.Setup(r => r.SaveCompletedAsync(_session, It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .Returns(() => Task.Delay(300));
        using var logs = new Api.CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var runner = new SessionRunner(_queue.Object, _datasets.Object, AnalysisTypeRegistry.BuiltIn, _time, TestData.Options(), loggerFactory.CreateLogger<SessionRunner>());

        Assert.That(await runner.RunAsync(_session.Id, CancellationToken.None), Is.EqualTo(RunOutcome.Completed));

        var completed = logs.Entries.Single(e => e.Message.Contains(" completed in ", StringComparison.Ordinal)).Properties;
        var computeMs = Convert.ToDouble(completed["ComputeMs"], System.Globalization.CultureInfo.InvariantCulture);
        var elapsedMs = Convert.ToDouble(completed["ElapsedMs"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(computeMs, Is.GreaterThan(0), "two analyses were computed");
            Assert.That(computeMs, Is.LessThanOrEqualTo(elapsedMs - 550), "the saves are not in it");
        });
    }

    [Test]
    public async Task RunAsync_WhenAnAnalysisCannotBeComputed_CompletesWithItsErrorEntry()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]), new OneSampleTTestSpec("k", 0, 0.95));
        _datasets.Setup(d => d.LoadAsync(_session.Id, It.IsAny<DatasetSchema>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new LoadedDataset(new Dataset([.. TestData.Sleep().Columns, new NumericColumn("k", [.. Enumerable.Repeat(3.0, 20)])]), MemoryBudget.Nothing));
        var stored = CaptureStoredResults();

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(_session.AnalysesFailed, Is.EqualTo(1));
            Assert.That(((AnalysisErrorResult)stored[1]).Error, Is.EqualTo("The data are essentially constant: the t statistic is undefined."));
        });
    }

    [Test]
    public async Task RunAsync_WhenAnAnalysisThrowsUnexpectedly_CompletesWithAnInternalErrorEntry()
    {
        // The stored dataset lacks a column the plan names: a fault, not a property of the data.
        GivenRunningSession(new DescriptiveSpec(["extra"]), new DescriptiveSpec(["not-in-dataset"]));
        var stored = CaptureStoredResults();

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(((AnalysisErrorResult)stored[1]).Error, Is.EqualTo("An internal error occurred while computing this analysis."));
        });
    }

    [Test]
    public async Task RunAsync_WhenAStoredEntryIsOfATypeThisVersionDoesNotHave_GivesThatAnalysisAnError_AndRunsTheOthers()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]), new RetiredSpec(), new DescriptiveSpec(["extra"]));
        var stored = CaptureStoredResults();

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(stored.Select(r => r.Type), Is.EqualTo(new[] { "descriptive", "retired", "descriptive" }));
            Assert.That(((AnalysisErrorResult)stored[1]).Error, Is.EqualTo("This version of the service cannot run a 'retired' analysis as it was stored."));
            Assert.That(((AnalysisErrorResult)stored[1]).Entry.Number("level"), Is.EqualTo(3), "the entry is echoed as stored");
            Assert.That(_session.AnalysesFailed, Is.EqualTo(1));
        });
    }

    /// <summary>A spec of a type no registry has (a type since removed): it can be stored, not built again.</summary>
    private sealed record RetiredSpec : AnalysisSpec
    {
        public override string Type => "retired";

        public override IReadOnlyList<string> ColumnsUsed => ["extra"];

        public override string Title => "retired";

        public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("level", 3.0));

        public override void CheckData(Dataset data, Action<string, string> fail)
        {
        }

        public override AnalysisCost Cost(DatasetSchema schema) => new(0, 0);

        protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
            throw new AssertionException("a stored spec of an unknown type is never computed");
    }

    [Test]
    public async Task RunAsync_WhenTheDatabaseWillNotTakeTheResults_FailsTheSessionOnce_SayingWhy()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        var stored = StoredRunning("w"); // what the database still holds after the failed save
        _queue.SetupSequence(r => r.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(_session).ReturnsAsync(stored);
        _queue.Setup(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StorageLimitExceededException("the database does not take results of 1,234,567,890 characters"));
        var failedSaves = new List<string?>();
        _queue.Setup(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, CancellationToken>((s, _) => failedSaves.Add(s.FailureReason))
            .Returns(Task.CompletedTask);

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Failed));
            Assert.That(stored.Status, Is.EqualTo(SessionStatus.Failed));
            Assert.That(failedSaves, Is.EqualTo(new[] { "The results could not be stored: the database does not take results of 1,234,567,890 characters." }));
            _queue.Verify(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task RunAsync_WhenDatasetMissing_FailsTheSession()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        _datasets.Setup(d => d.LoadAsync(_session.Id, It.IsAny<DatasetSchema>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<long>(), It.IsAny<CancellationToken>())).ReturnsAsync((LoadedDataset?)null);

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.That((outcome, _session.Status, _session.FailureReason),
            Is.EqualTo((RunOutcome.Failed, SessionStatus.Failed, "The dataset could not be read.")));
    }

    [Test]
    public async Task RunAsync_WhenSessionCancelledMeanwhile_StopsAsSuperseded()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]));
        _queue.Setup(r => r.SaveAsync(_session, It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("cancelled"));

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(RunOutcome.Superseded));
        _queue.Verify(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RunAsync_WhenNotRunning_DoesNothing()
    {
        _session = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);
        _session.Cancel(_time);
        _queue.Setup(r => r.GetAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(RunOutcome.Superseded));
        _datasets.Verify(d => d.LoadAsync(It.IsAny<Guid>(), It.IsAny<DatasetSchema>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task AbandonAsync_WhenAttemptsRemain_ReleasesTheLease()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));

        await Runner().AbandonAsync(_session.Id, "w", CancellationToken.None);

        Assert.That((_session.Status, _session.LeaseHolder, _session.LeaseExpiresAt), Is.EqualTo((SessionStatus.Running, (string?)null, (DateTimeOffset?)_time.GetUtcNow())));
    }

    [Test]
    public async Task AbandonAsync_WhenAttemptsExhausted_FailsWithReason()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        for (var i = 1; i < AnalysisSession.MaxAttempts; i++)
        {
            _session.ReleaseLease(_time);
            _session.Start("w", TimeSpan.FromSeconds(30), _time);
        }

        await Runner().AbandonAsync(_session.Id, "w", CancellationToken.None);

        Assert.That(_session.Status, Is.EqualTo(SessionStatus.Failed));
        Assert.That(_session.FailureReason, Does.Contain("3 attempts"));
    }

    [Test]
    public async Task RunAsync_WhenAProgressSaveFindsTheDatabaseBusy_GoesOnAndCompletes()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]), new DescriptiveSpec(["extra"]));
        var stored = CaptureStoredResults();
        var saves = 0;
        _queue.Setup(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++saves == 1 ? throw new StorageBusyException("busy") : Task.CompletedTask);

        var outcome = await Runner().RunAsync(_session.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(saves, Is.EqualTo(2), "the second progress save is still made");
            Assert.That(stored, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task RunAsync_WhenTheResultsSaveFindsTheDatabaseBusy_RetriesAndCompletes()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        AnalysisSession Reloaded()
        {
            // What the database still holds after a failed save: the session running, not completed.
            var stored = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);
            stored.Start("w", TimeSpan.FromSeconds(30), _time);
            return stored;
        }

        _queue.SetupSequence(r => r.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(_session).ReturnsAsync(Reloaded()).ReturnsAsync(Reloaded());
        var tries = 0;
        _queue.Setup(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++tries <= 2 ? throw new StorageBusyException("busy") : Task.CompletedTask);
        var run = Runner().RunAsync(_session.Id, CancellationToken.None);

        // The backoff waits on the fake clock: 250 ms, then 500 ms.
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await run, Is.EqualTo(RunOutcome.Completed));
            Assert.That(tries, Is.EqualTo(3));
        });
    }

    private AnalysisSession StoredRunning(string worker)
    {
        // What the database holds after a failed save: the session running, not completed.
        var stored = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);
        stored.Start(worker, TimeSpan.FromSeconds(30), _time);
        return stored;
    }

    private async Task<RunOutcome> RunOnTheFakeClockAsync()
    {
        var run = Runner().RunAsync(_session.Id, CancellationToken.None);
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        return await run;
    }

    [Test]
    public async Task RunAsync_WhenTheDatabaseIsUnreachableForAWhile_KeepsOfferingTheResults_AndCompletes()
    {
        // The results save fails, then so does the read that follows it (the database is down), then both work.
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        var reads = 0;
        _queue.Setup(r => r.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++reads switch
            {
                1 => Task.FromResult<AnalysisSession?>(_session),
                2 => throw new StorageBusyException("unreachable"),
                _ => Task.FromResult<AnalysisSession?>(StoredRunning("w")),
            });
        var saves = 0;
        _queue.Setup(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++saves == 1 ? throw new StorageBusyException("unreachable") : Task.CompletedTask);

        var outcome = await RunOnTheFakeClockAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That((saves, reads), Is.EqualTo((2, 3)));
        });
    }

    [Test]
    public async Task RunAsync_WhenTheSessionWasClaimedByAnotherWorkerMeanwhile_DoesNotSaveOverIt()
    {
        GivenRunningSession(new DescriptiveSpec(["extra"]));
        _queue.SetupSequence(r => r.GetAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(_session).ReturnsAsync(StoredRunning("another worker"));
        var saves = 0;
        _queue.Setup(r => r.SaveCompletedAsync(It.IsAny<AnalysisSession>(), It.IsAny<IReadOnlyList<AnalysisResult>>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++saves == 1 ? throw new StorageBusyException("busy") : Task.CompletedTask);

        var outcome = await RunOnTheFakeClockAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RunOutcome.Superseded));
            Assert.That(saves, Is.EqualTo(1), "no save over the other worker's claim");
        });
    }
}
