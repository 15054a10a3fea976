using Analysis.Application.Common;
using Analysis.Application.Sessions.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

/// <summary>The transitions a claim makes; that only one claimer gets a session is the repository's (WorkerTests, and ScaleOutTests on PostgreSQL).</summary>
public sealed class SessionClaimerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));
    private readonly Queue<AnalysisSession> _claimable = new();
    private Mock<ISessionQueue> _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _queue = new Mock<ISessionQueue>();
        _queue.Setup(r => r.ClaimNextAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<Action<AnalysisSession>>(), It.IsAny<CancellationToken>()))
            .Returns<DateTimeOffset, int, Action<AnalysisSession>, CancellationToken>((_, _, claim, _) =>
            {
                if (!_claimable.TryDequeue(out var next))
                {
                    return Task.FromResult<AnalysisSession?>(null);
                }

                claim(next);
                return Task.FromResult<AnalysisSession?>(next);
            });
    }

    private SessionClaimer Claimer(QuotaOptions? quotas = null) =>
        new(_queue.Object, TestData.Options(), Microsoft.Extensions.Options.Options.Create(quotas ?? new QuotaOptions()), _time, NullLogger<SessionClaimer>.Instance);

    private AnalysisSession Candidate()
    {
        var session = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);
        _claimable.Enqueue(session);
        return session;
    }

    [TestCase(null, -1)]
    [TestCase(3, 3)]
    [TestCase(0, 0)]
    public async Task TryClaimNextAsync_AsksForTheOwnersCap_HalfTheWorkersUnlessSet(int? setting, int expected)
    {
        await Claimer(new QuotaOptions { MaxRunningPerOwner = setting }).TryClaimNextAsync("w1", CancellationToken.None);

        var cap = expected >= 0 ? expected : Math.Max(1, Environment.ProcessorCount / 2);
        _queue.Verify(q => q.ClaimNextAsync(It.IsAny<DateTimeOffset>(), cap, It.IsAny<Action<AnalysisSession>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task TryClaimNextAsync_WhenAPendingSessionIsThere_StartsItWithALease()
    {
        var session = Candidate();

        var claimed = await Claimer().TryClaimNextAsync("w1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(claimed, Is.EqualTo(session.Id));
            Assert.That((session.Status, session.LeaseHolder, session.Attempts), Is.EqualTo((SessionStatus.Running, "w1", 1)));
            Assert.That(session.LeaseExpiresAt, Is.EqualTo(_time.GetUtcNow().AddSeconds(30)));
        });
    }

    [Test]
    public async Task TryClaimNextAsync_WhenNothingClaimable_ReturnsNull() =>
        Assert.That(await Claimer().TryClaimNextAsync("w1", CancellationToken.None), Is.Null);

    [Test]
    public async Task TryClaimNextAsync_WhenLeaseLapsedThreeTimes_FailsItAndTakesTheNext()
    {
        var cursed = Candidate();
        for (var i = 0; i < AnalysisSession.MaxAttempts; i++)
        {
            cursed.Start($"dead{i}", TimeSpan.FromSeconds(30), _time);
            _time.Advance(TimeSpan.FromSeconds(31));
        }

        var next = Candidate();

        var claimed = await Claimer().TryClaimNextAsync("w1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(cursed.Status, Is.EqualTo(SessionStatus.Failed));
            Assert.That(cursed.FailureReason, Does.Contain("interrupted 3 times"));
            Assert.That(claimed, Is.EqualTo(next.Id));
        });
    }
}
