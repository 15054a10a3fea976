namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// What a poller needs to know of a session without reading it: its version (the ETag's source), whether it is
/// over, the advised wait before the next poll, and whose it is (memory answers only its owner; anyone else is
/// answered as for an unknown id, through the database). Version 0 means the session was deleted.
/// </summary>
public readonly record struct SessionVersion(int Version, bool IsTerminal, int? RetryAfterSeconds, string? Owner)
{
    /// <summary>Deleted, owner unknown: memory answers nobody from it.</summary>
    public static SessionVersion Deleted { get; } = new(0, true, null, null);

    /// <summary>
    /// Not a version: the change feed was interrupted, so the session may have changed unseen. Listeners look again
    /// (a long poll reads the database, a stream re-reads its body) instead of trusting what they hold.
    /// </summary>
    public static SessionVersion PossiblyChanged { get; } = new(-1, false, null, null);

    public bool IsDeleted => Version == 0;

    public bool IsPossiblyChanged => Version < 0;

    /// <summary>A version announced by another process: known to be current, its details (owner, advice) not.</summary>
    public static SessionVersion Announced(int version) => version == 0 ? Deleted : new(version, false, null, null);

    /// <summary>The owner's session was deleted: memory answers the owner's polls 404.</summary>
    public static SessionVersion DeletedFor(string owner) => new(0, true, null, owner);

    /// <summary>True when this state may answer <paramref name="owner"/>'s poll from memory.</summary>
    public bool IsOwnedBy(string owner) => string.Equals(Owner, owner, StringComparison.Ordinal);
}
