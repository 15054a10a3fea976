using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions;

/// <summary>Another request stored a session under the same owner and idempotency key first; nothing was stored.</summary>
public sealed class IdempotencyKeyTakenException(string key)
    : DomainException($"The idempotency key '{key}' was just used by another request.")
{
    public string Key { get; } = key;
}
