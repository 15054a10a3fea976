using Analysis.Application.Abstractions;
using Analysis.Application.Common;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Commands.CancelSession;
using Analysis.Application.Sessions.Commands.DeleteSession;
using Analysis.Application.Sessions.Queries.GetSessionResults;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

public sealed class SessionHandlersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));
    private Mock<IAnalysisSessionRepository> _repository = null!;
    private Mock<ISessionQueries> _queries = null!;

    [SetUp]
    public void SetUp()
    {
        _repository = new Mock<IAnalysisSessionRepository>(MockBehavior.Strict);
        _queries = new Mock<ISessionQueries>(MockBehavior.Strict);
    }

    private AnalysisSession NewSession() =>
        AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);

    private static IMapper Mapper() =>
        new MapperConfiguration(cfg => cfg.AddMaps(typeof(Analysis.Application.DependencyInjection).Assembly)).CreateMapper();

    /// <summary>The status handler over a mocked reader.</summary>
    private GetSessionStatusQueryHandler StatusHandler(Mock<ISessionStatusReader> reader)
    {
        var versions = new CurrentVersions();
        return new GetSessionStatusQueryHandler(
            reader.Object, versions, new StatusBodyCache(100), new SessionChangeWaiter(new Mock<ISessionChanges>().Object, versions),
            Mapper(), Microsoft.Extensions.Options.Options.Create(new AnalysisOptions()), _time);
    }

    [Test]
    public async Task GetStatus_WhenUnknown_ReturnsNotFound()
    {
        var reader = new Mock<ISessionStatusReader>(MockBehavior.Strict);
        reader.Setup(r => r.ReadAsync(It.IsAny<Guid>(), TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync((AnalysisSession?)null);

        var answer = await StatusHandler(reader).HandleAsync(new GetSessionStatusQuery(Guid.NewGuid(), TestData.Owner), CancellationToken.None);

        Assert.That(answer, Is.SameAs(StatusAnswer.NotFound));
    }

    [Test]
    public async Task GetStatus_WhenKnown_ReadsOnceWithoutTrackingAndMaps()
    {
        var session = NewSession();
        var reader = new Mock<ISessionStatusReader>(MockBehavior.Strict);
        reader.Setup(r => r.ReadAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(session);

        var answer = await StatusHandler(reader).HandleAsync(new GetSessionStatusQuery(session.Id, TestData.Owner), CancellationToken.None);

        var body = (StatusAnswer.Body)answer;
        var json = System.Text.Json.Nodes.JsonNode.Parse(body.Json)!;
        Assert.That((json["status"]!.GetValue<string>(), json["summary"]!["sessionId"]!.GetValue<Guid>(), body.Version.Number), Is.EqualTo(("pending", session.Id, 1)));
        reader.Verify(r => r.ReadAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>()), Times.Once);
        reader.VerifyNoOtherCalls();
    }

    [Test]
    public async Task GetResults_WhenRunning_ReportsStatusWithoutReadingResults()
    {
        var session = NewSession();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        _queries.Setup(r => r.GetByIdAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(session);

        var dto = await new GetSessionResultsQueryHandler(_queries.Object)
            .HandleAsync(new GetSessionResultsQuery(session.Id, TestData.Owner), CancellationToken.None);

        Assert.That((dto!.IsAvailable, dto.Status), Is.EqualTo((false, "running")));
    }

    [Test]
    public async Task GetResults_WhenCompleted_PassesStoredJsonThrough()
    {
        var session = NewSession();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        session.Complete(["h"], 0, _time);
        _queries.Setup(r => r.GetByIdAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(session);
        _queries.Setup(r => r.GetResultsJsonAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync("[{\"type\":\"descriptive\"}]");

        var dto = await new GetSessionResultsQueryHandler(_queries.Object)
            .HandleAsync(new GetSessionResultsQuery(session.Id, TestData.Owner), CancellationToken.None);

        Assert.That(dto!.ResultsJson, Is.EqualTo("[{\"type\":\"descriptive\"}]"));
    }

    private CancelSessionCommandHandler CancelHandler() =>
        new(_repository.Object, _time, NullLogger<CancelSessionCommandHandler>.Instance);

    [Test]
    public async Task Cancel_WhenUnknown_IsNotFound()
    {
        _repository.Setup(r => r.GetForUpdateAsync(It.IsAny<Guid>(), TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync((AnalysisSession?)null);

        var result = await CancelHandler().HandleAsync(new CancelSessionCommand(Guid.NewGuid(), TestData.Owner), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(CancelOutcome.NotFound));
    }

    [Test]
    public async Task Cancel_WhenPending_SavesCancelled()
    {
        var session = NewSession();
        _repository.Setup(r => r.GetForUpdateAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(session);
        _repository.Setup(r => r.SaveAsync(session, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await CancelHandler().HandleAsync(new CancelSessionCommand(session.Id, TestData.Owner), CancellationToken.None);

        Assert.That((result.Outcome, result.Status, session.Status), Is.EqualTo((CancelOutcome.Cancelled, "cancelled", SessionStatus.Cancelled)));
        _repository.Verify(r => r.SaveAsync(session, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Cancel_WhenCompleted_IsAlreadyTerminalAndSavesNothing()
    {
        var session = NewSession();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        session.Complete([], 0, _time);
        _repository.Setup(r => r.GetForUpdateAsync(session.Id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(session);

        var result = await CancelHandler().HandleAsync(new CancelSessionCommand(session.Id, TestData.Owner), CancellationToken.None);

        Assert.That((result.Outcome, result.Status), Is.EqualTo((CancelOutcome.AlreadyTerminal, "completed")));
        _repository.Verify(r => r.SaveAsync(It.IsAny<AnalysisSession>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Cancel_WhenWorkerSavesFirst_ReadsAgainAndCancels()
    {
        var first = NewSession();
        var second = NewSession();
        _repository.SetupSequence(r => r.GetForUpdateAsync(It.IsAny<Guid>(), TestData.Owner, It.IsAny<CancellationToken>()))
            .ReturnsAsync(first).ReturnsAsync(second);
        _repository.Setup(r => r.SaveAsync(first, It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("moved"));
        _repository.Setup(r => r.SaveAsync(second, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await CancelHandler().HandleAsync(new CancelSessionCommand(first.Id, TestData.Owner), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(CancelOutcome.Cancelled));
        _repository.Verify(r => r.SaveAsync(second, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Delete_ReportsWhetherSomethingWasErased()
    {
        var id = Guid.NewGuid();
        _repository.Setup(r => r.DeleteAsync(id, TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _repository.Setup(r => r.DeleteAsync(It.Is<Guid>(g => g != id), TestData.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var handler = new DeleteSessionCommandHandler(_repository.Object, NullLogger<DeleteSessionCommandHandler>.Instance);

        Assert.That(await handler.HandleAsync(new DeleteSessionCommand(id, TestData.Owner), CancellationToken.None), Is.True);
        Assert.That(await handler.HandleAsync(new DeleteSessionCommand(Guid.NewGuid(), TestData.Owner), CancellationToken.None), Is.False);
    }
}
