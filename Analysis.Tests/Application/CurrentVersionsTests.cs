using Analysis.Application.Sessions.Changes;

namespace Analysis.Tests.Application;

public sealed class CurrentVersionsTests
{
    [Test]
    public void Record_OlderThanKnown_DoesNotMoveBackwards()
    {
        var map = new CurrentVersions();
        var id = Guid.NewGuid();
        map.Record(id, new SessionVersion(6, false, 1, TestData.Owner));

        map.Record(id, new SessionVersion(5, false, 1, TestData.Owner));

        Assert.That(map.TryGet(id, out var v) && v.Number == 6, Is.True);
    }

    [Test]
    public void Record_AfterDelete_DoesNotReviveTheSession()
    {
        var map = new CurrentVersions();
        var id = Guid.NewGuid();
        map.Record(id, SessionVersion.Deleted());

        map.Record(id, new SessionVersion(3, false, 1, TestData.Owner));

        Assert.That(map.TryGet(id, out var v) && v.IsDeleted, Is.True);
    }

    [Test]
    public void Record_NewerVersionOrDeletion_IsTaken()
    {
        var map = new CurrentVersions();
        var id = Guid.NewGuid();
        map.Record(id, new SessionVersion(9, false, 1, TestData.Owner));

        map.Record(id, new SessionVersion(10, true, null, TestData.Owner));
        var newer = map.TryGet(id, out var v) ? v : default;
        map.Record(id, SessionVersion.Deleted());

        Assert.That(newer, Is.EqualTo(new SessionVersion(10, true, null, TestData.Owner)));
        Assert.That(map.TryGet(id, out var deleted) && deleted.IsDeleted, Is.True);
    }

    [Test]
    public void Set_PastCapacity_EvictsTheLeastRecentlyUsed()
    {
        // Use is recorded to the millisecond, so the steps are a few milliseconds apart.
        var map = new CurrentVersions(capacity: 100);
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        map.Record(ids[0], new SessionVersion(1, false, 1, TestData.Owner));
        map.Record(ids[1], new SessionVersion(1, false, 1, TestData.Owner));
        Thread.Sleep(5);
        ids.Skip(2).ToList().ForEach(id => map.Record(id, new SessionVersion(1, false, 1, TestData.Owner)));
        Thread.Sleep(5);
        map.TryGet(ids[0], out _); // recently used
        Thread.Sleep(5);

        map.Record(Guid.NewGuid(), new SessionVersion(1, false, 1, TestData.Owner));

        Assert.Multiple(() =>
        {
            Assert.That(map.Count, Is.LessThanOrEqualTo(100));
            Assert.That(map.TryGet(ids[0], out _), Is.True, "recently used survives");
            Assert.That(map.TryGet(ids[1], out _), Is.False, "least recently used goes");
        });
    }
}
