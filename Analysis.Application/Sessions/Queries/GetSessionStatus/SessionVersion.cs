namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// What a poller needs to know of a session without reading it: its version (the ETag's source), whether it is
/// over, and the advised wait before the next poll. Version 0 means the session was deleted.
/// </summary>
public readonly record struct SessionVersion(int Version, bool IsTerminal, int? RetryAfterSeconds)
{
    public static SessionVersion Deleted { get; } = new(0, true, null);

    public bool IsDeleted => Version == 0;
}
