using Analysis.Domain.Common;
using Analysis.Domain.Sessions.Rules;
using Analysis.Tests.Application;
using Microsoft.Extensions.Time.Testing;

namespace Analysis.Tests.Domain;

public sealed class AnalysisSessionTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));

    private AnalysisSession NewSession(int analyses = 2)
    {
        var schema = new DatasetSchema(3, [new ColumnSchema("x", ColumnType.Numeric, 0)]);
        var plan = Enumerable.Range(0, analyses).Select(_ => (AnalysisSpec)new DescriptiveSpec(["x"])).ToList();
        return AnalysisSession.Create(TestData.Owner, "Sleep study", schema, plan, _time);
    }

    private static T BrokenRule<T>(Action action) where T : IBusinessRule
    {
        var ex = Assert.Throws<BusinessRuleValidationException>(action)!;
        Assert.That(ex.BrokenRule, Is.InstanceOf<T>());
        return (T)ex.BrokenRule;
    }

    [Test]
    public void Create_WhenValid_IsPendingWithVersionOneAndUuidV7()
    {
        var session = NewSession();

        Assert.Multiple(() =>
        {
            Assert.That(session.Status, Is.EqualTo(SessionStatus.Pending));
            Assert.That(session.Version, Is.EqualTo(1));
            Assert.That(session.Id.Version, Is.EqualTo(7));
            Assert.That(session.CreatedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(session.UpdatedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(session.Progress, Is.EqualTo(new SessionProgress(0, 2)));
            Assert.That(session.StartedAt, Is.Null);
        });
    }

    [Test]
    public void Create_WhenPlanEmpty_IsNotPossible() =>
        BrokenRule<PlanMustHoldOneToMaxAnalysesRule>(() => NewSession(analyses: 0));

    [Test]
    public void Create_WhenPlanOverHundred_IsNotPossible() =>
        BrokenRule<PlanMustHoldOneToMaxAnalysesRule>(() => NewSession(analyses: 101));

    [Test]
    public void Start_WhenPending_RunsWithLeaseAndFirstAnalysis()
    {
        var session = NewSession();
        _time.Advance(TimeSpan.FromSeconds(1));

        session.Start("w1", Lease, _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.Status, Is.EqualTo(SessionStatus.Running));
            Assert.That(session.StartedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(session.LeaseHolder, Is.EqualTo("w1"));
            Assert.That(session.LeaseExpiresAt, Is.EqualTo(_time.GetUtcNow() + Lease));
            Assert.That(session.Attempts, Is.EqualTo(1));
            Assert.That(session.CurrentAnalysis, Is.EqualTo("descriptive"));
            Assert.That(session.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Start_WhenRunningWithLiveLease_IsNotPossible()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        _time.Advance(TimeSpan.FromSeconds(29));

        BrokenRule<SessionCanOnlyStartWhenPendingOrLeaseExpiredRule>(() => session.Start("w2", Lease, _time));
        Assert.That(session.LeaseHolder, Is.EqualTo("w1"));
    }

    [Test]
    public void Start_WhenLeaseExpired_IsReclaimedAndCountsAnAttempt()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        session.ReportProgress(1, 0, _time);
        _time.Advance(TimeSpan.FromSeconds(31));

        session.Start("w2", Lease, _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.LeaseHolder, Is.EqualTo("w2"));
            Assert.That(session.Attempts, Is.EqualTo(2));
            Assert.That(session.CompletedAnalyses, Is.EqualTo(0), "a new attempt starts the plan again");
        });
    }

    [Test]
    public void Start_WhenCompleted_IsNotPossible()
    {
        var session = NewSession(1);
        session.Start("w1", Lease, _time);
        session.Complete(["h"], 0, _time);

        BrokenRule<SessionCanOnlyStartWhenPendingOrLeaseExpiredRule>(() => session.Start("w1", Lease, _time));
    }

    [Test]
    public void ReportProgress_WhenRunning_MovesToNextAnalysisAndBumpsVersion()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        var before = session.Version;

        session.ReportProgress(1, 1, _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.Progress, Is.EqualTo(new SessionProgress(1, 2)));
            Assert.That(session.Progress.Percent, Is.EqualTo(50));
            Assert.That(session.AnalysesFailed, Is.EqualTo(1));
            Assert.That(session.Version, Is.EqualTo(before + 1));
        });
    }

    [Test]
    public void ReportProgress_WhenPending_IsNotPossible() =>
        BrokenRule<SessionMustBeRunningRule>(() => NewSession().ReportProgress(1, 0, _time));

    [Test]
    public void ReportProgress_WhenBeyondPlan_IsNotPossible()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);

        BrokenRule<ProgressMustStayWithinPlanRule>(() => session.ReportProgress(3, 0, _time));
    }

    [Test]
    public void Complete_WhenRunning_KeepsHighlightsAndReleasesLease()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        _time.Advance(TimeSpan.FromSeconds(2));

        session.Complete(["a", "b"], 1, _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.Status, Is.EqualTo(SessionStatus.Completed));
            Assert.That(session.Highlights, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(session.CompletedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(session.Progress.Percent, Is.EqualTo(100));
            Assert.That(session.CurrentAnalysis, Is.Null);
            Assert.That(session.LeaseHolder, Is.Null);
            Assert.That(session.LeaseExpiresAt, Is.Null);
        });
    }

    [Test]
    public void Complete_WhenAlreadyCompleted_IsHarmless()
    {
        var session = NewSession(1);
        session.Start("w1", Lease, _time);
        session.Complete(["a"], 0, _time);
        var version = session.Version;

        session.Complete(["other"], 0, _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.Version, Is.EqualTo(version));
            Assert.That(session.Highlights, Is.EqualTo(new[] { "a" }));
        });
    }

    [Test]
    public void Complete_WhenCancelled_IsNotPossible()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        session.Cancel(_time);

        BrokenRule<SessionMustBeRunningRule>(() => session.Complete([], 0, _time));
        Assert.That(session.Status, Is.EqualTo(SessionStatus.Cancelled));
    }

    [Test]
    public void Fail_WhenRunning_KeepsReason()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);

        session.Fail("dataset unreadable", _time);

        Assert.Multiple(() =>
        {
            Assert.That(session.Status, Is.EqualTo(SessionStatus.Failed));
            Assert.That(session.FailureReason, Is.EqualTo("dataset unreadable"));
            Assert.That(session.CompletedAt, Is.Not.Null);
        });
    }

    [Test]
    public void Fail_WhenAlreadyFailed_IsHarmless()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);
        session.Fail("first", _time);
        var version = session.Version;

        session.Fail("second", _time);

        Assert.That((session.FailureReason, session.Version), Is.EqualTo(("first", version)));
    }

    [Test]
    public void Fail_WhenPending_IsNotPossible() =>
        BrokenRule<SessionMustBeRunningRule>(() => NewSession().Fail("x", _time));

    [Test]
    public void Cancel_WhenPending_IsCancelled()
    {
        var session = NewSession();

        session.Cancel(_time);

        Assert.That(session.Status, Is.EqualTo(SessionStatus.Cancelled));
    }

    [Test]
    public void Cancel_WhenRunning_IsCancelledAndLeaseReleased()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);

        session.Cancel(_time);

        Assert.That((session.Status, session.LeaseHolder), Is.EqualTo((SessionStatus.Cancelled, (string?)null)));
    }

    [Test]
    public void Cancel_WhenAlreadyCancelled_IsHarmless()
    {
        var session = NewSession();
        session.Cancel(_time);
        var version = session.Version;

        session.Cancel(_time);

        Assert.That(session.Version, Is.EqualTo(version));
    }

    [Test]
    public void Cancel_WhenCompleted_IsNotPossible()
    {
        var session = NewSession(1);
        session.Start("w1", Lease, _time);
        session.Complete([], 0, _time);

        var rule = BrokenRule<TerminalSessionCannotBeCancelledRule>(() => session.Cancel(_time));
        Assert.That(rule.Message, Is.EqualTo("Session is already completed"));
    }

    [Test]
    public void ReleaseLease_WhenRunning_MakesItClaimableAtOnce()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);

        session.ReleaseLease(_time);
        session.Start("w2", Lease, _time);

        Assert.That((session.LeaseHolder, session.Attempts), Is.EqualTo(("w2", 2)));
    }

    [Test]
    public void Interrupt_WhenRunning_DoesNotCountTheAttempt()
    {
        var session = NewSession();
        session.Start("w1", Lease, _time);

        session.Interrupt(_time);
        session.Start("w2", Lease, _time);

        Assert.That(session.Attempts, Is.EqualTo(1));
    }

    [Test]
    public void HasExhaustedAttempts_AfterThreeStarts_IsTrue()
    {
        var session = NewSession();
        for (var i = 0; i < AnalysisSession.MaxAttempts; i++)
        {
            Assert.That(session.HasExhaustedAttempts, Is.False);
            session.Start($"w{i}", Lease, _time);
            session.ReleaseLease(_time);
        }

        Assert.That(session.HasExhaustedAttempts, Is.True);
    }
}
