namespace Analysis.Domain.Sessions;

/// <summary>
/// The conditions a new session is stored under, checked in the same transaction that makes it visible: the
/// owner's storage quota (0: none) and, when the request carried one, its idempotency key. <see cref="Dataset"/>
/// describes the dataset a session's inline upload stores with it (null: one made from the session, with no hash).
/// </summary>
public sealed record SessionAdmission(long OwnerByteLimit, IdempotencyKey? Key, Datasets.StoredDataset? Dataset = null)
{
    public static SessionAdmission Unlimited { get; } = new(0, null);
}
