using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Creates and migrates the database at start, before the first request or claim. On PostgreSQL any number of
/// processes may start at once: the database is created by whichever gets there first (the others take "already
/// exists" for success), and migrations run under a PostgreSQL advisory lock, so they run once while the others
/// wait and then find nothing to do. A server that cannot be reached is retried with backoff for
/// <c>Database:StartupTimeoutSeconds</c>, then <see cref="DatabaseUnavailableException"/> says why, in one line.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>The advisory lock key of migrations: the same for every process of this service.</summary>
    private const long MigrationLockKey = 0x416E616C7973_6D;

    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505";
    private const string DatabaseDoesNotExist = "3D000";

    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalysisDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (db.Database.IsSqlite())
        {
            var file = SqliteFilePath(db.Database.GetConnectionString());
            if (file is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            var reserve = scope.ServiceProvider.GetRequiredService<DatabaseReserve>();
            try
            {
                await MigrateSqliteAsync(db, cancellationToken);
            }
            catch (Exception ex) when (StorageErrors.IsFull(ex) && reserve.Path is not null)
            {
                // Started on a full disk: the reserve's room lets the migration's bookkeeping through, so that the
                // service runs and deletes can make room; creates wait until there is room for the reserve again.
                reserve.Release();
                db.ChangeTracker.Clear();
                await MigrateSqliteAsync(db, cancellationToken);
            }

            if (file is not null)
            {
                await reserve.PrepareAsync(file, cancellationToken);
            }
        }
        else
        {
            await WithRetriesAsync(
                () => MigratePostgresAsync(db, logger, cancellationToken), db.Database.GetConnectionString()!,
                TimeSpan.FromSeconds(options.StartupTimeoutSeconds), logger, cancellationToken);
        }

        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    private static async Task MigrateSqliteAsync(AnalysisDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);

        // Readers (status polls) proceed while a writer commits; the setting is kept in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static async Task MigratePostgresAsync(AnalysisDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        await CreateDatabaseIfMissingAsync(target, logger, cancellationToken);

        // A session-level advisory lock on a connection of its own, held while this process migrates; the others
        // wait here, then find every migration applied.
        var lockConnection = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(lockConnection.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Waiting for another process's migration is not the server being unreachable: no command timeout here.
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // EF reads the history table before it creates it, and logs the "relation does not exist" it then
            // handles as an ERROR line on every fresh database: created first (IF NOT EXISTS), there is nothing to log.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Creates the database when it does not exist yet; a concurrent creator's "already exists" is success.</summary>
    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnectionStringBuilder target, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == DatabaseDoesNotExist)
        {
            // Create it, below.
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            var name = target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", target.Database);
        }
        catch (PostgresException e) when (e.SqlState is DuplicateDatabase or UniqueViolation)
        {
            // Another process created it a moment ago (at the same instant PostgreSQL says so as a unique violation).
        }
    }

    /// <summary>Retries what fails because the server cannot be reached, with backoff, for at most <paramref name="timeout"/>.</summary>
    private static async Task WithRetriesAsync(
        Func<Task> action, string connectionString, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception ex) when (IsUnreachable(ex) && !cancellationToken.IsCancellationRequested)
            {
                var where = new NpgsqlConnectionStringBuilder(connectionString);
                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new DatabaseUnavailableException(
                        $"Cannot reach the database {where.Database} at {where.Host}:{where.Port} after {timeout.TotalSeconds:0} s " +
                        $"(Database:StartupTimeoutSeconds): {Innermost(ex).Message}", ex);
                }

                logger.LogWarning("Database {Database} at {Host}:{Port} not reachable yet ({Reason}); trying again in {DelayMs} ms",
                    where.Database, where.Host, where.Port, Innermost(ex).Message, delay.TotalMilliseconds);
                await Task.Delay(delay < left ? delay : left, cancellationToken); // the last attempt is at the deadline
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static bool IsUnreachable(Exception ex) => ex switch
    {
        PostgresException postgres => postgres.SqlState is "57P03" or "53300", // starting up; too many connections
        NpgsqlException => true, // the connection itself failed (refused, reset, timed out)
        System.Net.Sockets.SocketException => true,
        TimeoutException => true,
        { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    /// <summary>The full path of a SQLite database in a file (relative paths are from the working directory); null for one in memory or named by a URI.</summary>
    public static string? SqliteFilePath(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        return string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal) ||
               builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(path);
    }
}
