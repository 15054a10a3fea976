using System.Data.Common;
using Analysis.Application.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Every database command, commit and connection of every context — a caller's, a worker's, housekeeping's — passes
/// here: one that fails because the disk is full is reported to <see cref="StorageSpace"/> (readiness, and the
/// operator's log line), and a commit that succeeds says the database takes writes again.
/// </summary>
public sealed class StorageFullInterceptor(StorageSpace space) : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData?.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData?.Exception);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Observe(eventData?.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData?.Exception);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => space.ReportWritten(StorageArea.Database);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        space.ReportWritten(StorageArea.Database);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Observe(eventData?.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData?.Exception);
        return Task.CompletedTask;
    }

    private void Observe(Exception? exception)
    {
        if (exception is not null && StorageErrors.IsFull(exception))
        {
            space.ReportFull(StorageArea.Database, exception);
        }
    }
}
