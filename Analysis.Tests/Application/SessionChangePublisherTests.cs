using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Changes;
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
        var changes = new Mock<ISessionChanges>();
        var published = new List<SessionVersion>();
        changes.Setup(n => n.Publish(It.IsAny<Guid>(), It.IsAny<SessionVersion>())).Callback<Guid, SessionVersion>((_, v) => published.Add(v));
        var work = new Mock<IClaimableWork>();
        var publisher = new SessionChangePublisher(changes.Object, work.Object, _time);
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
            work.Verify(w => w.Publish(), Times.Once);
        });
    }

    [Test]
    public void PublishDeleted_WithAndWithoutTheOwner_IsADeletion()
    {
        var changes = new Mock<ISessionChanges>();
        var publisher = new SessionChangePublisher(changes.Object, new Mock<IClaimableWork>().Object, _time);
        var id = Guid.NewGuid();

        publisher.PublishDeleted(id, "alice");
        publisher.PublishDeleted(id, null);

        changes.Verify(n => n.Publish(id, SessionVersion.Deleted("alice")), Times.Once);
        changes.Verify(n => n.Publish(id, SessionVersion.Deleted(null)), Times.Once);
    }
}
