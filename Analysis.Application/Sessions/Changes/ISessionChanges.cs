namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// The changes of sessions in this process: committed changes are published here (by
/// <see cref="SessionChangePublisher"/>, and for other processes' changes by the database's subscriber), and
/// whoever waits on a session subscribes — long polls, event streams, a running session's watchdog. The current
/// versions are recorded on the way (<see cref="CurrentVersions"/>).
/// </summary>
public interface ISessionChanges
{
    void Publish(Guid sessionId, SessionVersion version);

    /// <summary>
    /// Changes made elsewhere may have gone unheard (the subscription to other processes' changes was interrupted): every subscriber
    /// of every session is told, and looks again.
    /// </summary>
    void PublishMissed();

    /// <summary>
    /// Subscribes to one session's changes; dispose to stop. <paramref name="onMissed"/> is called when changes may
    /// have gone unheard. Callbacks must only signal, never block.
    /// </summary>
    IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange, Action onMissed);
}
