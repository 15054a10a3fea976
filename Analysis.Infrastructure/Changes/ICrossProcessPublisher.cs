namespace Analysis.Infrastructure.Changes;

/// <summary>
/// Publishes committed changes to the other processes on the same database, from inside the transaction that makes
/// them (so a change is published if, and when, it commits). A single-process database (SQLite) has nobody to tell.
/// </summary>
public interface ICrossProcessPublisher
{
    /// <summary>True when other processes share the database, so a save that publishes must be in an explicit transaction.</summary>
    bool IsCrossProcess { get; }

    Task PublishAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken);

    Task PublishDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken);
}
