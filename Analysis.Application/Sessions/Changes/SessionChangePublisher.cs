using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Domain.Sessions;

namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// The one place committed changes are announced in this process: each <see cref="SessionChanged"/> the aggregate
/// raised becomes the <see cref="SessionVersion"/> pollers need (with its polling advice) on the change notifier,
/// and a change that leaves work to claim wakes the workers. The repository calls it after its save commits, so
/// storage knows nothing of polling.
/// </summary>
public sealed class SessionChangePublisher(ISessionChangeNotifier notifier, IWorkSignal work, TimeProvider time)
{
    public void Publish(IEnumerable<SessionChanged> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        var claimable = false;
        foreach (var change in changes)
        {
            notifier.Publish(change.SessionId, PollingAdvice.VersionOf(change, now));
            claimable |= change.Claimable;
        }

        if (claimable)
        {
            work.Notify();
        }
    }

    /// <summary>The session is gone (its owner, when known, is answered 404 from memory from now on).</summary>
    public void PublishDeleted(Guid sessionId, string? owner) =>
        notifier.Publish(sessionId, owner is null ? SessionVersion.Deleted : SessionVersion.DeletedFor(owner));
}
