namespace Analysis.Domain.Sessions;

/// <summary>What an owner's idempotency key was first used for: the session it created and that request's fingerprint.</summary>
public sealed record IdempotentCreate(Guid SessionId, string Fingerprint);
