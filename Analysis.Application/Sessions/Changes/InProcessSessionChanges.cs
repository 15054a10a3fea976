using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// Session changes within this process: memory only, so it needs no adapter. The current versions are recorded
/// first, then subscribers are called synchronously on the publishing thread, so a callback must only signal
/// (complete a task, release a semaphore), never do I/O.
/// </summary>
public sealed class InProcessSessionChanges(CurrentVersions versions, ILogger<InProcessSessionChanges> logger) : ISessionChanges
{
    private readonly ConcurrentDictionary<Guid, Subscribers> _subscribers = new();

    public void Publish(Guid sessionId, SessionVersion version)
    {
        versions.Record(sessionId, version);
        Call(sessionId, subscriber => subscriber.OnChange(version));
    }

    public void PublishMissed()
    {
        foreach (var sessionId in _subscribers.Keys)
        {
            Call(sessionId, subscriber => subscriber.OnMissed());
        }
    }

    public IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange, Action onMissed)
    {
        var subscriber = new Subscriber(onChange, onMissed);
        while (true)
        {
            var subscribers = _subscribers.GetOrAdd(sessionId, _ => new Subscribers());
            if (subscribers.TryAdd(subscriber))
            {
                return new Subscription(this, sessionId, subscribers, subscriber);
            }

            // It was emptied and removed between GetOrAdd and TryAdd; take the fresh one.
        }
    }

    /// <summary>Sessions with at least one subscriber; for tests and diagnostics.</summary>
    public int SubscribedSessionCount => _subscribers.Count;

    private void Call(Guid sessionId, Action<Subscriber> call)
    {
        if (!_subscribers.TryGetValue(sessionId, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers.Snapshot())
        {
            try
            {
                call(subscriber);
            }
            catch (Exception ex)
            {
                // A subscriber that went away mid-publish (its run or request just ended) must not fail the write
                // that published the change: that write has already been committed.
                logger.LogWarning(ex, "A subscriber of session {SessionId} failed", sessionId);
            }
        }
    }

    private void Unsubscribe(Guid sessionId, Subscribers subscribers, Subscriber subscriber)
    {
        if (subscribers.RemoveAndCheckEmpty(subscriber))
        {
            _subscribers.TryRemove(new KeyValuePair<Guid, Subscribers>(sessionId, subscribers));
        }
    }

    /// <summary>One subscription's callbacks (compared by reference: each subscription is its own).</summary>
    private sealed class Subscriber(Action<SessionVersion> onChange, Action onMissed)
    {
        public Action<SessionVersion> OnChange { get; } = onChange;

        public Action OnMissed { get; } = onMissed;
    }

    private sealed class Subscribers
    {
        private readonly Lock _lock = new();
        private Subscriber[] _members = [];
        private bool _closed;

        public Subscriber[] Snapshot() => Volatile.Read(ref _members);

        public bool TryAdd(Subscriber subscriber)
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                _members = [.. _members, subscriber];
                return true;
            }
        }

        /// <summary>Removes the subscriber; when none are left the set closes so no one adds to a removed set.</summary>
        public bool RemoveAndCheckEmpty(Subscriber subscriber)
        {
            lock (_lock)
            {
                var index = Array.IndexOf(_members, subscriber);
                if (index >= 0)
                {
                    _members = [.. _members[..index], .. _members[(index + 1)..]];
                }

                _closed = _members.Length == 0;
                return _closed;
            }
        }
    }

    private sealed class Subscription(
        InProcessSessionChanges changes, Guid sessionId, Subscribers subscribers, Subscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                changes.Unsubscribe(sessionId, subscribers, subscriber);
            }
        }
    }
}
