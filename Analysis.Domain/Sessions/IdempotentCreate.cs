namespace Analysis.Domain.Sessions;

/// <summary>
/// What an owner's idempotency key was first used for: the session it created, that request's fingerprint, and the
/// session's status now (null in the instant between its deletion and its key's).
/// </summary>
public sealed record IdempotentCreate(Guid SessionId, string Fingerprint, SessionStatus? Status);
