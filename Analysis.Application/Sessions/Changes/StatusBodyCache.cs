namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// The serialized status body of recently read sessions, one version each. A body is a pure function of the
/// session's state, and the state has one version per change, so a body cached for the version
/// <see cref="CurrentVersions"/> says is current is exactly what a database read would produce. Pollers that do not send If-None-Match
/// (a naive client, many tabs) are then answered from memory too. Bounded; least recently used go first.
/// </summary>
public sealed class StatusBodyCache(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly RecentlyUsedMap<Guid, (int Version, byte[] Body)> _bodies = new(capacity);

    public bool TryGet(Guid sessionId, int version, out byte[] body)
    {
        if (_bodies.TryGetValue(sessionId, out var entry) && entry.Version == version)
        {
            body = entry.Body;
            return true;
        }

        body = [];
        return false;
    }

    public void Set(Guid sessionId, int version, byte[] body) =>
        _bodies.AddOrUpdate(sessionId, (version, body), (existing, added) => existing.Version > added.Version ? existing : added);
}
