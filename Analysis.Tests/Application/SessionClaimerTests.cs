using Analysis.Application.Sessions.Running;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

public sealed class SessionClaimerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));
    private Mock<IAnalysisSessionRepository> _repository = null!;

    [SetUp]
    public void SetUp() => _repository = new Mock<IAnalysisSessionRepository>();

    private SessionClaimer Claimer() => new(_repository.Object, TestData.Options(), _time, NullLogger<SessionClaimer>.Instance);

    private AnalysisSession Candidate()
    {
        var session = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);
        _repository.Setup(r => r.GetForWorkerAsync(session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(session);
        return session;
    }

    [Test]
    public async Task TryClaimNextAsync_WhenOtherWorkerWinsTheFirst_ClaimsTheNext()
    {
        var taken = Candidate();
        var free = Candidate();
        _repository.Setup(r => r.FindClaimableAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([taken.Id, free.Id]);
        _repository.Setup(r => r.SaveAsync(taken, It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("lost"));

        var claimed = await Claimer().TryClaimNextAsync("w1", CancellationToken.None);

        Assert.That((claimed, free.Status, free.LeaseOwner), Is.EqualTo(((Guid?)free.Id, SessionStatus.Running, "w1")));
    }

    [Test]
    public async Task TryClaimNextAsync_WhenNothingClaimable_ReturnsNull()
    {
        _repository.Setup(r => r.FindClaimableAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);

        Assert.That(await Claimer().TryClaimNextAsync("w1", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task TryClaimNextAsync_WhenLeaseLapsedThreeTimes_FailsInsteadOfClaiming()
    {
        var session = Candidate();
        for (var i = 0; i < AnalysisSession.MaxAttempts; i++)
        {
            session.Start($"dead{i}", TimeSpan.FromSeconds(30), _time);
            _time.Advance(TimeSpan.FromSeconds(31));
        }

        _repository.Setup(r => r.FindClaimableAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([session.Id]);

        var claimed = await Claimer().TryClaimNextAsync("w1", CancellationToken.None);

        Assert.That(claimed, Is.Null);
        Assert.That(session.Status, Is.EqualTo(SessionStatus.Failed));
        Assert.That(session.FailureReason, Does.Contain("interrupted 3 times"));
        _repository.Verify(r => r.SaveAsync(session, It.IsAny<CancellationToken>()), Times.Once);
    }
}
