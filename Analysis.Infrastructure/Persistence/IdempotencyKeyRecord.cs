namespace Analysis.Infrastructure.Persistence;

/// <summary>An owner's <c>Idempotency-Key</c>, the fingerprint of the request that first used it and the session it made.</summary>
public sealed class IdempotencyKeyRecord(string owner, string key, string fingerprint, Guid sessionId, DateTimeOffset createdAt)
{
    public string Owner { get; private set; } = owner;

    public string Key { get; private set; } = key;

    public string Fingerprint { get; private set; } = fingerprint;

    public Guid SessionId { get; private set; } = sessionId;

    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
