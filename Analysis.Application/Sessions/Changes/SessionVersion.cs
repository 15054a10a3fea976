namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// What a poller needs to know of a session without reading it: its version <see cref="Number"/> (the ETag's
/// source), whether it is over, the advised wait before the next poll, and whose it is (memory answers only its
/// owner; anyone else is answered as for an unknown id, through the database) — or that it was deleted.
/// </summary>
public readonly record struct SessionVersion(int Number, bool IsTerminal, int? RetryAfterSeconds, string? Owner)
{
    /// <summary>The session is gone: final, whatever version a later message names.</summary>
    public bool IsDeleted { get; private init; }

    /// <summary>Deleted; with its owner when known, whose polls memory then answers 404.</summary>
    public static SessionVersion Deleted(string? owner = null) => new(0, true, null, owner) { IsDeleted = true };

    /// <summary>A version published by another process: known to be current, its details (owner, advice) not.</summary>
    public static SessionVersion Published(int number) => new(number, false, null, null);

    /// <summary>True when this version may answer <paramref name="owner"/>'s poll from memory.</summary>
    public bool IsOwnedBy(string owner) => string.Equals(Owner, owner, StringComparison.Ordinal);

    /// <summary>True when this is a later version than <paramref name="number"/>, or the session is gone.</summary>
    public bool IsPast(int number) => IsDeleted || Number > number;
}
