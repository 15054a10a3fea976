using System.Collections.Concurrent;
using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.Extensions.Logging;

namespace Analysis.Infrastructure.Notifications;

/// <summary>
/// Session changes within this process. The version map is updated first, then subscribers are called
/// synchronously on the publishing thread, so a callback must only signal (complete a task, release a
/// semaphore), never do I/O.
/// </summary>
public sealed class InProcessSessionChangeNotifier(SessionVersionMap versions, ILogger<InProcessSessionChangeNotifier> logger)
    : ISessionChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, Subscribers> _subscribers = new();

    public void Publish(Guid sessionId, SessionVersion version)
    {
        versions.Record(sessionId, version);
        if (_subscribers.TryGetValue(sessionId, out var subscribers))
        {
            foreach (var callback in subscribers.Snapshot())
            {
                try
                {
                    callback(version);
                }
                catch (Exception ex)
                {
                    // A listener that went away mid-publish (its run or request just ended) must not fail the
                    // write that announced the change: that write has already been committed.
                    logger.LogWarning(ex, "A listener of session {SessionId} failed on version {Version}", sessionId, version.Version);
                }
            }
        }
    }

    public void PublishPossiblyChanged()
    {
        foreach (var sessionId in _subscribers.Keys)
        {
            Publish(sessionId, SessionVersion.PossiblyChanged);
        }
    }

    public IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange)
    {
        while (true)
        {
            var subscribers = _subscribers.GetOrAdd(sessionId, _ => new Subscribers());
            if (subscribers.TryAdd(onChange))
            {
                return new Subscription(this, sessionId, subscribers, onChange);
            }

            // It was emptied and removed between GetOrAdd and TryAdd; take the fresh one.
        }
    }

    /// <summary>Sessions with at least one subscriber; for tests and diagnostics.</summary>
    public int SubscribedSessionCount => _subscribers.Count;

    private void Unsubscribe(Guid sessionId, Subscribers subscribers, Action<SessionVersion> onChange)
    {
        if (subscribers.RemoveAndCheckEmpty(onChange))
        {
            _subscribers.TryRemove(new KeyValuePair<Guid, Subscribers>(sessionId, subscribers));
        }
    }

    private sealed class Subscribers
    {
        private readonly Lock _lock = new();
        private Action<SessionVersion>[] _callbacks = [];
        private bool _closed;

        public Action<SessionVersion>[] Snapshot() => Volatile.Read(ref _callbacks);

        public bool TryAdd(Action<SessionVersion> callback)
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                _callbacks = [.. _callbacks, callback];
                return true;
            }
        }

        /// <summary>Removes the callback; when none are left the set closes so no one adds to a removed set.</summary>
        public bool RemoveAndCheckEmpty(Action<SessionVersion> callback)
        {
            lock (_lock)
            {
                var index = Array.IndexOf(_callbacks, callback);
                if (index >= 0)
                {
                    _callbacks = [.. _callbacks[..index], .. _callbacks[(index + 1)..]];
                }

                _closed = _callbacks.Length == 0;
                return _closed;
            }
        }
    }

    private sealed class Subscription(
        InProcessSessionChangeNotifier owner, Guid sessionId, Subscribers subscribers, Action<SessionVersion> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(sessionId, subscribers, callback);
            }
        }
    }
}
