using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Application.Abstractions;

/// <summary>
/// Announces, in this process, that a session changed (or was deleted): long polls, event streams, the version map
/// and running workers listen. Changes made here are published by <c>SessionChangePublisher</c>; changes made by
/// other processes arrive through the database's change feed (PostgreSQL LISTEN) and are published the same way.
/// </summary>
public interface ISessionChangeNotifier
{
    void Publish(Guid sessionId, SessionVersion version);

    /// <summary>
    /// The change feed was interrupted: every listener of every session is told its session may have changed
    /// (<see cref="SessionVersion.PossiblyChanged"/>) and looks again.
    /// </summary>
    void PublishPossiblyChanged();

    /// <summary>Subscribes to one session's changes; dispose to stop. Callbacks must only signal, never block.</summary>
    IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange);
}
