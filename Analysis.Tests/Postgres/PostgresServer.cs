using Npgsql;

namespace Analysis.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the integration tests may use: <c>ANALYSIS_TEST_POSTGRES</c>, a connection string to a
/// server (<c>.ci/run</c> starts a throwaway one and sets it). Without it the PostgreSQL tests are skipped, saying
/// why. Every test gets a database of its own, dropped afterwards.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "ANALYSIS_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>A connection string to a new, not yet created database (the service creates it); skips the test without a server.</summary>
    public static string NewDatabase()
    {
        var server = ConnectionString;
        if (server is null)
        {
            Assert.Ignore($"PostgreSQL tests need a server: set {Variable} to a connection string (.ci/run starts one).");
        }

        return new NpgsqlConnectionStringBuilder(server!) { Database = $"analysis_test_{Guid.NewGuid():N}"[..40] }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
