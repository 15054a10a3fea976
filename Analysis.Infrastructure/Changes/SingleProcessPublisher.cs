namespace Analysis.Infrastructure.Changes;

/// <summary>SQLite: one process writes the database, so there is no one else to tell.</summary>
public sealed class SingleProcessPublisher : ICrossProcessPublisher
{
    public bool IsCrossProcess => false;

    public Task PublishAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken) => Task.CompletedTask;
}
