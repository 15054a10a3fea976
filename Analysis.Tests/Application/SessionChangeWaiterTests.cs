using Analysis.Application.Sessions.Changes;

namespace Analysis.Tests.Application;

public sealed class SessionChangeWaiterTests
{
    private readonly CurrentVersions _map = new();
    private InProcessSessionChanges _changes = null!;
    private SessionChangeWaiter _waiter = null!;

    [SetUp]
    public void SetUp()
    {
        _changes = new InProcessSessionChanges(_map, Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessSessionChanges>.Instance);
        _waiter = new SessionChangeWaiter(_changes, _map);
    }

    private static Task<SessionVersion?> NeverRead(CancellationToken _) => throw new AssertionException("the database was read");

    [Test]
    public void Publish_WhenAListenerThrows_StillReachesTheOthersAndDoesNotFail()
    {
        var id = Guid.NewGuid();
        var heard = 0;
        using var broken = _changes.Subscribe(id, _ => throw new ObjectDisposedException("run"), () => { });
        using var working = _changes.Subscribe(id, _ => heard++, () => { });

        Assert.DoesNotThrow(() => _changes.Publish(id, new SessionVersion(2, false, 1, TestData.Owner)));
        Assert.That(heard, Is.EqualTo(1));
    }

    [Test]
    public async Task Wait_WhenAChangeIsPublished_ReturnsTrue()
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(2, false, 1, TestData.Owner));

        var wait = _waiter.WaitForChangeAsync(id, 2, TimeSpan.FromSeconds(30), NeverRead, CancellationToken.None);
        Assert.That(wait.IsCompleted, Is.False);
        _changes.Publish(id, new SessionVersion(3, false, 1, TestData.Owner));

        Assert.That(await wait.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(_changes.SubscribedSessionCount, Is.Zero, "the subscription is released");
    }

    [Test]
    public async Task Wait_WhenNothingChanges_ReturnsFalseAfterTheTimeout() =>
        Assert.That(await WaitOnKnown(TimeSpan.FromMilliseconds(100)), Is.False);

    private async Task<bool> WaitOnKnown(TimeSpan timeout)
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(2, false, 1, TestData.Owner));
        return await _waiter.WaitForChangeAsync(id, 2, timeout, NeverRead, CancellationToken.None);
    }

    [Test]
    public async Task Wait_WhenAlreadyPast_ReturnsTrueAtOnce()
    {
        var id = Guid.NewGuid();
        _map.Record(id, new SessionVersion(4, false, 1, TestData.Owner));

        Assert.That(await _waiter.WaitForChangeAsync(id, 3, TimeSpan.FromSeconds(30), NeverRead, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task Wait_WhenTheMapDoesNotKnowTheSession_AsksTheDatabase()
    {
        var reads = 0;
        Task<SessionVersion?> Read(CancellationToken _)
        {
            reads++;
            return Task.FromResult<SessionVersion?>(new SessionVersion(7, false, 1, TestData.Owner));
        }

        Assert.That(await _waiter.WaitForChangeAsync(Guid.NewGuid(), 6, TimeSpan.FromSeconds(30), Read, CancellationToken.None), Is.True);
        Assert.That(reads, Is.EqualTo(1));
    }

    [Test]
    public async Task Wait_ThousandsAtOnce_AreAllWokenByTheirChange()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(id => _map.Record(id, new SessionVersion(1, false, 1, TestData.Owner)));
        var waits = ids.Select(id => _waiter.WaitForChangeAsync(id, 1, TimeSpan.FromMinutes(1), NeverRead, CancellationToken.None)).ToList();

        ids.ForEach(id => _changes.Publish(id, new SessionVersion(2, false, 1, TestData.Owner)));

        Assert.That(await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10)), Is.All.True);
    }

    [Test]
    public async Task Wait_WhenChangesWereMissed_AndTheDatabaseIsAwayAtFirst_ReadsAgainUntilItAnswers()
    {
        // No record in memory (as on PostgreSQL while the listener was down): the wait reads the database.
        var id = Guid.NewGuid();
        var reads = 0;
        Task<SessionVersion?> Read(CancellationToken _) => ++reads switch
        {
            1 => Task.FromResult<SessionVersion?>(new SessionVersion(2, false, 1, TestData.Owner)), // the wait's first look: unchanged
            2 or 3 => throw new StorageBusyException("The database cannot be reached at the moment; try again shortly."),
            _ => Task.FromResult<SessionVersion?>(new SessionVersion(3, false, 1, TestData.Owner)),
        };

        var wait = _waiter.WaitForChangeAsync(id, 2, TimeSpan.FromSeconds(20), Read, CancellationToken.None);
        _changes.PublishMissed(); // the listener is back: what happened meanwhile was not heard

        Assert.That(await wait.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "answered once the database was back");
        Assert.That(reads, Is.EqualTo(4), "two failed reads, waited out a second apart, then the change");
    }

    [Test]
    public void Wait_WhenTheDatabaseIsStillAwayAtTheEnd_IsTheCallersOutage()
    {
        var id = Guid.NewGuid();
        var reads = 0;
        Task<SessionVersion?> Read(CancellationToken _) => ++reads == 1
            ? Task.FromResult<SessionVersion?>(new SessionVersion(2, false, 1, TestData.Owner))
            : throw new StorageBusyException("The database cannot be reached at the moment; try again shortly.");

        Assert.ThrowsAsync<StorageBusyException>(() => _waiter.WaitForChangeAsync(id, 2, TimeSpan.FromMilliseconds(1500), Read, CancellationToken.None));
    }
}
