using Analysis.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Notifications;

/// <summary>
/// Announces committed changes to the other processes on the same database, from inside the transaction that
/// makes them (so the announcement is delivered if, and when, the change commits). A single-process database
/// (SQLite) has nobody to tell.
/// </summary>
public interface IChangeFeed
{
    /// <summary>True when announcing needs the save to be in an explicit transaction.</summary>
    bool IsCrossProcess { get; }

    Task AnnounceAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken);

    Task AnnounceDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken);
}
