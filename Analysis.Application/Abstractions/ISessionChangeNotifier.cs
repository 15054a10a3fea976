using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Application.Abstractions;

/// <summary>
/// Announces that a session changed (or was deleted). Long polls, event streams, the version map and running
/// workers listen. In-process now; a cross-process implementation (PostgreSQL LISTEN/NOTIFY) plugs in behind
/// the same interface.
/// </summary>
public interface ISessionChangeNotifier
{
    void Publish(Guid sessionId, SessionVersion version);

    /// <summary>Subscribes to one session's changes; dispose to stop. Callbacks must only signal, never block.</summary>
    IDisposable Subscribe(Guid sessionId, Action<SessionVersion> onChange);
}
