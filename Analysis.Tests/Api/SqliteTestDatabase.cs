using Microsoft.Data.Sqlite;

namespace Analysis.Tests.Api;

/// <summary>Direct reads of the test database, to check what is (not) stored.</summary>
public static class SqliteTestDatabase
{
    public static async Task<(long Sessions, long Datasets, long Results)> CountRowsAsync(string path, string? id = null)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();

        async Task<long> Count(string table, string key)
        {
            await using var command = connection.CreateCommand();
            // Guids are stored as upper-case text by EF Core's SQLite provider.
            command.CommandText = id is null
                ? $"SELECT COUNT(DISTINCT {key}) FROM {table}"
                : $"SELECT COUNT(DISTINCT {key}) FROM {table} WHERE {key} = upper($id)";
            if (id is not null)
            {
                command.Parameters.AddWithValue("$id", id);
            }

            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await Count("sessions", "Id"), await Count("dataset_columns", "DatasetId"), await Count("session_results", "SessionId"));
    }
}
