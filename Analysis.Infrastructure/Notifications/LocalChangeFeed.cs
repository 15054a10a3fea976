using Analysis.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Notifications;

/// <summary>SQLite: one process writes the database, so there is no one else to tell.</summary>
public sealed class LocalChangeFeed : IChangeFeed
{
    public bool IsCrossProcess => false;

    public Task AnnounceAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AnnounceDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken) => Task.CompletedTask;
}
