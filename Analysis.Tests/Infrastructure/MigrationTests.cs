using Analysis.Infrastructure.Persistence;
using Analysis.Tests.Api;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Analysis.Tests.Infrastructure;

/// <summary>
/// The SQLite migrations: a new database is made without a warning, and a database made by an earlier version keeps
/// its sessions and their dataset columns through the rebuild that adds a column's parts (written by hand, inside the
/// migration's transaction, instead of EF's rebuild that turns foreign keys off).
/// </summary>
public sealed class MigrationTests
{
    private const string BeforeParts = "20261129143100_SessionOwners";

    [Test]
    public async Task NewDatabase_MigratesWithoutAWarning()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        using var _ = await client.GetAsync("/health/ready");

        Assert.That(factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.StartsWith("Microsoft.", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}"), Is.Empty);
    }

    [Test]
    public async Task DatabaseOfAnEarlierVersion_KeepsItsSessionsAndColumns_ThroughThePartsRebuild()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-migration-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "analysis.db")};Pooling=False";
        var id = Guid.NewGuid();
        try
        {
            await using (var db = new SqliteAnalysisDbContext(new DbContextOptionsBuilder<SqliteAnalysisDbContext>().UseSqlite(connection).Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeParts);
                await using (var insert = new SqliteConnection(connection))
                {
                    await insert.OpenAsync();
                    await using var command = insert.CreateCommand();
                    command.CommandText = """
                        INSERT INTO sessions (Id, Name, Status, DatasetJson, PlanJson, CreatedAt, UpdatedAt, CompletedAnalyses, AnalysesFailed, Version, Attempts, Owner)
                        VALUES ($id, 'old', 'pending', '{"rows":2,"columns":[{"name":"x","type":"numeric","missing":0}]}',
                                '[{"type":"descriptive","columns":["x"]}]', 1, 1, 0, 0, 1, 0, 'alice');
                        INSERT INTO session_dataset_columns (SessionId, Ordinal, Data) VALUES ($id, 0, x'0102030405');
                        INSERT INTO session_dataset_columns (SessionId, Ordinal, Data) VALUES ($id, 1, x'0607');
                        """;
                    command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                    await command.ExecuteNonQueryAsync();
                }

                await db.Database.MigrateAsync();
            }

            await using var check = new SqliteConnection(connection);
            await check.OpenAsync();
            async Task<string> Scalar(string sql)
            {
                await using var command = check.CreateCommand();
                command.CommandText = sql;
                return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            var columns = await Scalar("SELECT group_concat(Ordinal || ':' || Part || ':' || length(Data), ' ') FROM (SELECT * FROM session_dataset_columns ORDER BY Ordinal)");
            var key = await Scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('session_dataset_columns') WHERE pk > 0 ORDER BY pk)");
            var foreignKey = await Scalar("SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('session_dataset_columns')");
            var bytes = await Scalar("SELECT DatasetBytes FROM sessions");
            await Scalar("PRAGMA foreign_keys = 1; DELETE FROM sessions; SELECT 0");
            var left = await Scalar("SELECT COUNT(*) FROM session_dataset_columns");

            Assert.Multiple(() =>
            {
                Assert.That(columns, Is.EqualTo("0:0:5 1:0:2"), "every column kept, as part 0");
                Assert.That(key, Is.EqualTo("SessionId,Ordinal,Part"));
                Assert.That(foreignKey, Is.EqualTo("sessions:CASCADE"));
                Assert.That(bytes, Is.EqualTo("7"), "the quota counts the columns' bytes");
                Assert.That(left, Is.EqualTo("0"), "a session's columns go with it");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
