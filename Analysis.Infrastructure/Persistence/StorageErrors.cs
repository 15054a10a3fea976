using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analysis.Infrastructure.Persistence;

/// <summary>Which database errors mean "try again shortly" and which mean "that key is taken", for both providers.</summary>
internal static class StorageErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const string PostgresUniqueViolation = "23505";

    /// <summary>The database was locked past the wait, or a transient fault: the same write may succeed shortly.</summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        NpgsqlException npgsql => npgsql.IsTransient,
        { InnerException: { } inner } => IsBusy(inner),
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
}
