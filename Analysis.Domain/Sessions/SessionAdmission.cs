namespace Analysis.Domain.Sessions;

/// <summary>
/// The conditions a new session is stored under, checked in the same transaction that makes it visible: the
/// owner's storage quota (0: none) and, when the request carried one, its idempotency key.
/// </summary>
public sealed record SessionAdmission(long OwnerByteLimit, IdempotencyKey? Key)
{
    public static SessionAdmission Unlimited { get; } = new(0, null);
}
