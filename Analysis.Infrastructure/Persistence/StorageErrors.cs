using Analysis.Application.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Which database errors mean "try again shortly", which "that key is taken" and which "the disk is full", for both
/// providers, and the one place a failed session write becomes what its caller acts on.
/// </summary>
internal static class StorageErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const string PostgresUniqueViolation = "23505";
    private const int SqliteTooBig = 18;
    private const string PostgresProgramLimitExceeded = "54000";
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100";

    private const string PostgresForeignKeyViolation = "23503";

    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY.</summary>
    private const int SqliteForeignKey = 787;

    /// <summary>The database was locked past the wait, or a transient fault: the same write may succeed shortly.</summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        NpgsqlException npgsql => npgsql.IsTransient,
        { InnerException: { } inner } => IsBusy(inner),
        _ => false,
    };

    /// <summary>
    /// The connection was dead before or as it was used — the server ended it (a restart, a terminated backend) or
    /// the socket broke — rather than the database refusing the statement: the same read on a fresh connection may
    /// well succeed at once.
    /// </summary>
    public static bool IsBrokenConnection(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006",
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or EndOfStreamException } => true,
        { InnerException: { } inner } => IsBrokenConnection(inner),
        _ => false,
    };

    /// <summary>A unique key was violated (by a concurrent insert of the same key).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>A row that names a row that is not there (a session's dataset deleted a moment before).</summary>
    public static bool IsForeignKeyViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteForeignKey,
        PostgresException postgres => postgres.SqlState == PostgresForeignKeyViolation,
        { InnerException: { } inner } => IsForeignKeyViolation(inner),
        _ => false,
    };

    /// <summary>A value past what the database takes (SQLite's string or blob limit, PostgreSQL's program limits): retrying will not help.</summary>
    public static bool IsTooLarge(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteTooBig,
        PostgresException postgres => postgres.SqlState == PostgresProgramLimitExceeded,
        { InnerException: { } inner } => IsTooLarge(inner),
        _ => false,
    };

    /// <summary>
    /// The disk under the database has no room left: SQLite's SQLITE_FULL (its file, its WAL or its temporary files),
    /// PostgreSQL's disk_full, or an ENOSPC however it is wrapped. Retrying helps only once an operator has made room.
    /// </summary>
    public static bool IsFull(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        PostgresException postgres => postgres.SqlState == PostgresDiskFull,
        IOException when StorageSpace.IsNoSpaceLeft(exception) => true,
        { InnerException: { } inner } => IsFull(inner),
        _ => false,
    };

    /// <summary>
    /// A failure a session's caller acts on: someone else's change in between, a database that cannot answer now, or
    /// one whose disk is full.
    /// </summary>
    public static bool IsConflictOrBusy(Exception exception) => exception is DbUpdateConcurrencyException || IsBusy(exception) || IsFull(exception);

    /// <summary>A failure that <see cref="Translate"/> turns into "busy" or "full": the database, not the request.</summary>
    public static bool IsBusyOrFull(Exception exception) => IsBusy(exception) || IsFull(exception);

    /// <summary>
    /// What such a failure means to the caller — <see cref="ConcurrencyConflictException"/> (read again, or stop),
    /// <see cref="StorageFullException"/> (answer 503 until an operator makes room) or <see cref="StorageBusyException"/>
    /// (retry shortly, or answer 503) — with the context left clean for whatever the caller does next.
    /// </summary>
    public static Exception Translate(DbContext db, Exception exception, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        return exception switch
        {
            DbUpdateConcurrencyException => new ConcurrencyConflictException($"Session {sessionId} was changed or deleted by someone else.", exception),
            _ when IsFull(exception) => new StorageFullException(StorageArea.Database, exception),
            _ => new StorageBusyException("The database cannot answer at the moment (busy with other writes, or unreachable).", exception),
        };
    }
}
