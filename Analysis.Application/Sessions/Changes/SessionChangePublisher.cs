namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// The one place committed changes are published in this process: each <see cref="SessionChanged"/> the aggregate
/// recorded becomes the <see cref="SessionVersion"/> pollers need (with its polling advice) on
/// <see cref="ISessionChanges"/>, and a change that leaves work to claim is published to the workers. The repository
/// calls it after its save commits, so storage knows nothing of polling.
/// </summary>
public sealed class SessionChangePublisher(ISessionChanges sessionChanges, IClaimableWork work, TimeProvider time)
{
    public void Publish(IEnumerable<SessionChanged> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        var claimable = false;
        foreach (var change in changes)
        {
            sessionChanges.Publish(change.SessionId, PollingAdvice.VersionOf(change, now));
            claimable |= change.Claimable;
        }

        if (claimable)
        {
            work.Publish();
        }
    }

    /// <summary>The session is gone (its owner, when known, is answered 404 from memory from now on).</summary>
    public void PublishDeleted(Guid sessionId, string? owner) => sessionChanges.Publish(sessionId, SessionVersion.Deleted(owner));
}
