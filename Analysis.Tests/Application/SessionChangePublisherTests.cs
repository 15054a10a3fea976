using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Sessions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

/// <summary>Committed changes become the versions pollers need; work to claim wakes the workers.</summary>
public sealed class SessionChangePublisherTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));

    [Test]
    public void Publish_TheAggregatesChanges_InOrder_AndWakesWorkersForClaimableOnes()
    {
        var notifier = new Mock<ISessionChangeNotifier>();
        var published = new List<SessionVersion>();
        notifier.Setup(n => n.Publish(It.IsAny<Guid>(), It.IsAny<SessionVersion>())).Callback<Guid, SessionVersion>((_, v) => published.Add(v));
        var work = new Mock<IWorkSignal>();
        var publisher = new SessionChangePublisher(notifier.Object, work.Object, _time);
        var session = AnalysisSession.Create(TestData.Owner, "s", TestData.Sleep().Schema, [new DescriptiveSpec(["extra"])], _time);

        publisher.Publish(session.Changes); // created: pending, claimable
        session.ClearChanges();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        publisher.Publish(session.Changes); // running, leased: not claimable

        Assert.Multiple(() =>
        {
            Assert.That(published, Is.EqualTo(new[]
            {
                new SessionVersion(1, false, 1, TestData.Owner),
                new SessionVersion(2, false, 1, TestData.Owner),
            }));
            work.Verify(w => w.Notify(), Times.Once);
        });
    }

    [Test]
    public void PublishDeleted_WithAndWithoutTheOwner_IsADeletion()
    {
        var notifier = new Mock<ISessionChangeNotifier>();
        var publisher = new SessionChangePublisher(notifier.Object, new Mock<IWorkSignal>().Object, _time);
        var id = Guid.NewGuid();

        publisher.PublishDeleted(id, "alice");
        publisher.PublishDeleted(id, null);

        notifier.Verify(n => n.Publish(id, SessionVersion.DeletedFor("alice")), Times.Once);
        notifier.Verify(n => n.Publish(id, SessionVersion.Deleted), Times.Once);
    }
}
