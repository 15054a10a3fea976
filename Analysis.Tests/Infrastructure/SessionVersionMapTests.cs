using Analysis.Application.Ports;
using Analysis.Application.Sessions.Polling;
using Analysis.Infrastructure.Notifications;

namespace Analysis.Tests.Infrastructure;

public sealed class SessionVersionMapTests
{
    [Test]
    public void Record_OlderThanKnown_DoesNotMoveBackwards()
    {
        var map = new SessionVersionMap();
        var id = Guid.NewGuid();
        map.Record(id, new SessionVersion(6, false, 1));

        map.Record(id, new SessionVersion(5, false, 1));

        Assert.That(map.TryGet(id, out var v) && v.Version == 6, Is.True);
    }

    [Test]
    public void Record_AfterDelete_DoesNotReviveTheSession()
    {
        var map = new SessionVersionMap();
        var id = Guid.NewGuid();
        map.Record(id, SessionVersion.Deleted);

        map.Record(id, new SessionVersion(3, false, 1));

        Assert.That(map.TryGet(id, out var v) && v.IsDeleted, Is.True);
    }

    [Test]
    public void Record_NewerVersionOrDeletion_IsTaken()
    {
        var map = new SessionVersionMap();
        var id = Guid.NewGuid();
        map.Record(id, new SessionVersion(9, false, 1));

        map.Record(id, new SessionVersion(10, true, null));
        var newer = map.TryGet(id, out var v) ? v : default;
        map.Record(id, SessionVersion.Deleted);

        Assert.That(newer, Is.EqualTo(new SessionVersion(10, true, null)));
        Assert.That(map.TryGet(id, out var deleted) && deleted.IsDeleted, Is.True);
    }

    [Test]
    public void Set_PastCapacity_EvictsTheLeastRecentlyUsed()
    {
        // Use is recorded to the millisecond, so the steps are a few milliseconds apart.
        var map = new SessionVersionMap(capacity: 100);
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        map.Record(ids[0], new SessionVersion(1, false, 1));
        map.Record(ids[1], new SessionVersion(1, false, 1));
        Thread.Sleep(5);
        ids.Skip(2).ToList().ForEach(id => map.Record(id, new SessionVersion(1, false, 1)));
        Thread.Sleep(5);
        map.TryGet(ids[0], out _); // recently used
        Thread.Sleep(5);

        map.Record(Guid.NewGuid(), new SessionVersion(1, false, 1));

        Assert.Multiple(() =>
        {
            Assert.That(map.Count, Is.LessThanOrEqualTo(100));
            Assert.That(map.TryGet(ids[0], out _), Is.True, "recently used survives");
            Assert.That(map.TryGet(ids[1], out _), Is.False, "least recently used goes");
        });
    }
}

public sealed class SessionChangeWaiterTests
{
    private readonly SessionVersionMap _map = new();
    private InProcessSessionChangeNotifier _notifier = null!;
    private SessionChangeWaiter _waiter = null!;

    [SetUp]
    public void SetUp()
    {
        _notifier = new InProcessSessionChangeNotifier(_map, Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessSessionChangeNotifier>.Instance);
        _waiter = new SessionChangeWaiter(_notifier, _map);
    }

    private static Task<SessionVersion?> NeverRead(CancellationToken _) => throw new AssertionException("the database was read");

    [Test]
    public void Publish_WhenAListenerThrows_StillReachesTheOthersAndDoesNotFail()
    {
        var id = Guid.NewGuid();
        var heard = 0;
        using var broken = _notifier.Subscribe(id, _ => throw new ObjectDisposedException("run"));
        using var working = _notifier.Subscribe(id, _ => heard++);

        Assert.DoesNotThrow(() => _notifier.Publish(id, new SessionVersion(2, false, 1)));
        Assert.That(heard, Is.EqualTo(1));
    }

    [Test]
    public async Task Wait_WhenAChangeIsPublished_ReturnsTrue()
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(2, false, 1));

        var wait = _waiter.WaitForChangeAsync(id, 2, TimeSpan.FromSeconds(30), NeverRead, CancellationToken.None);
        Assert.That(wait.IsCompleted, Is.False);
        _notifier.Publish(id, new SessionVersion(3, false, 1));

        Assert.That(await wait.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(_notifier.SubscribedSessionCount, Is.Zero, "the subscription is released");
    }

    [Test]
    public async Task Wait_WhenNothingChanges_ReturnsFalseAfterTheTimeout() =>
        Assert.That(await WaitOnKnown(TimeSpan.FromMilliseconds(100)), Is.False);

    private async Task<bool> WaitOnKnown(TimeSpan timeout)
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(2, false, 1));
        return await _waiter.WaitForChangeAsync(id, 2, timeout, NeverRead, CancellationToken.None);
    }

    [Test]
    public async Task Wait_WhenAlreadyPast_ReturnsTrueAtOnce()
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(4, false, 1));

        Assert.That(await _waiter.WaitForChangeAsync(id, 3, TimeSpan.FromSeconds(30), NeverRead, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task Wait_WhenTheMapDoesNotKnowTheSession_AsksTheDatabase()
    {
        var reads = 0;
        Task<SessionVersion?> Read(CancellationToken _)
        {
            reads++;
            return Task.FromResult<SessionVersion?>(new SessionVersion(7, false, 1));
        }

        Assert.That(await _waiter.WaitForChangeAsync(Guid.NewGuid(), 6, TimeSpan.FromSeconds(30), Read, CancellationToken.None), Is.True);
        Assert.That(reads, Is.EqualTo(1));
    }

    [Test]
    public async Task Wait_ThousandsAtOnce_AreAllWokenByTheirChange()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(id => _map.Record(id, new SessionVersion(1, false, 1)));
        var waits = ids.Select(id => _waiter.WaitForChangeAsync(id, 1, TimeSpan.FromMinutes(1), NeverRead, CancellationToken.None)).ToList();

        ids.ForEach(id => _notifier.Publish(id, new SessionVersion(2, false, 1)));

        Assert.That(await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10)), Is.All.True);
    }
}
