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

    /// <summary>The last migration before datasets were a resource (what the commit before #19 made).</summary>
    private const string BeforeDatasets = "20261129152159_DatasetPartsQuotasIdempotency";

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

                await db.GetService<IMigrator>().MigrateAsync(BeforeDatasets);
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

    /// <summary>
    /// A database as the version before datasets were a resource left it — its schema made by that version's
    /// migrations, its rows written as that version wrote them (a session's columns as <c>ColumnBinaryFormat</c>
    /// parts in <c>session_dataset_columns</c>, its bytes in <c>DatasetBytes</c>, a completed one with its results) —
    /// started by this version: every session becomes a session on a dataset of its own, under its id; the pending
    /// one runs to the right numbers, the datasets are listed and exported, and a session's delete takes its dataset.
    /// </summary>
    [Test]
    public async Task DatabaseOfThePreviousVersion_CarriesItsSessionsOverToDatasets_WhichRunListExportAndGoWithTheirSessions()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-migration-").FullName;
        var path = Path.Combine(folder, "analysis.db");
        var connection = $"Data Source={path};Pooling=False";
        var data = new Dataset([new NumericColumn("x", [1, 2, 3, 4.5]), new CategoricalColumn("g", [0, 1, -1, 1], ["a", "b"])]);
        var pending = Guid.CreateVersion7();
        var completed = Guid.CreateVersion7();
        try
        {
            await using (var db = new SqliteAnalysisDbContext(new DbContextOptionsBuilder<SqliteAnalysisDbContext>().UseSqlite(connection).Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeDatasets);
            }

            await using (var insert = new SqliteConnection(connection))
            {
                await insert.OpenAsync();
                var now = DateTimeOffset.UtcNow.UtcTicks;
                const string schema = """{"rows":4,"columns":[{"name":"x","type":"numeric","missing":0},{"name":"g","type":"categorical","missing":1,"levels":2}]}""";
                foreach (var (id, status) in new[] { (pending, "pending"), (completed, "completed") })
                {
                    await using var command = insert.CreateCommand();
                    command.CommandText = """
                        INSERT INTO sessions (Id, Name, Status, DatasetJson, PlanJson, HighlightsJson, CreatedAt, UpdatedAt, CompletedAt, CompletedAnalyses,
                                              AnalysesFailed, Version, Attempts, Owner, DatasetBytes, Stored)
                        VALUES ($id, $status, $status, $schema, '[{"type":"descriptive","columns":["x"]}]', $highlights, $now, $now, $completedAt, $done,
                                0, 1, $attempts, 'alice', $bytes, 1);
                        """;
                    command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                    command.Parameters.AddWithValue("$status", status);
                    command.Parameters.AddWithValue("$schema", schema);
                    command.Parameters.AddWithValue("$highlights", status == "completed" ? """["descriptive x: mean = 2.625"]""" : DBNull.Value);
                    command.Parameters.AddWithValue("$now", now);
                    command.Parameters.AddWithValue("$completedAt", status == "completed" ? now : DBNull.Value);
                    command.Parameters.AddWithValue("$done", status == "completed" ? 1 : 0);
                    command.Parameters.AddWithValue("$attempts", status == "completed" ? 1 : 0);
                    command.Parameters.AddWithValue("$bytes", data.Columns.Sum(Analysis.Infrastructure.Datasets.ColumnBinaryFormat.SizeOf));
                    await command.ExecuteNonQueryAsync();
                    for (var ordinal = 0; ordinal < data.Columns.Count; ordinal++)
                    {
                        var part = 0;
                        foreach (var bytes in Analysis.Infrastructure.Datasets.ColumnBinaryFormat.WriteParts(data.Columns[ordinal], 16))
                        {
                            await using var column = insert.CreateCommand();
                            column.CommandText = "INSERT INTO session_dataset_columns (SessionId, Ordinal, Part, Data) VALUES ($id, $ordinal, $part, $data)";
                            column.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                            column.Parameters.AddWithValue("$ordinal", ordinal);
                            column.Parameters.AddWithValue("$part", part++);
                            column.Parameters.AddWithValue("$data", bytes);
                            await column.ExecuteNonQueryAsync();
                        }
                    }
                }

                await using var results = insert.CreateCommand();
                results.CommandText = "INSERT INTO session_results (SessionId, Json) VALUES ($id, '[{\"type\":\"descriptive\",\"stored\":\"before\"}]')";
                results.Parameters.AddWithValue("$id", completed.ToString().ToUpperInvariant());
                await results.ExecuteNonQueryAsync();
            }

            await using (var factory = new ApiFactory(new() { ["ConnectionStrings:Analysis"] = $"Data Source={path}" }))
            {
                using var client = factory.CreateClient();
                await client.WaitForStatusAsync(pending.ToString(), "completed");
                var ran = await client.GetJsonAsync($"/api/session/{pending}/results");
                var kept = await client.GetJsonAsync($"/api/session/{completed}/results");
                var details = await client.GetJsonAsync($"/api/session/{completed}");
                var status = await client.GetJsonAsync($"/api/session/{pending}/status");
                var datasets = await client.GetJsonAsync("/api/datasets");
                var dataset = await client.GetJsonAsync($"/api/datasets/{pending}");
                using var csv = await client.GetAsync($"/api/datasets/{pending}/csv");
                var csvText = await csv.Content.ReadAsStringAsync();
                var (deleted, _) = await client.SendAsync(HttpMethod.Delete, $"/api/session/{completed}");
                var (datasetAfter, _) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{completed}");
                var (otherDataset, _) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{pending}");

                Assert.Multiple(() =>
                {
                    Assert.That(ran["results"]![0]!["columns"]!["x"]!["mean"]!.GetValue<double>(), Is.EqualTo(2.625), "(1 + 2 + 3 + 4.5) / 4 from the moved columns");
                    Assert.That(kept["results"]!.ToJsonString(), Is.EqualTo("""[{"type":"descriptive","stored":"before"}]"""), "results kept as stored");
                    Assert.That(details["session"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(completed), "a dataset of its own, under its id");
                    Assert.That(status["summary"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(pending));
                    Assert.That(datasets["total"]!.GetValue<int>(), Is.EqualTo(2));
                    Assert.That(dataset["dataset"]!["sessions"]!.GetValue<int>(), Is.EqualTo(1));
                    Assert.That(dataset["dataset"]!["sha256"], Is.Null, "no hash is known for a carried-over dataset");
                    Assert.That(dataset["dataset"]!["bytes"]!.GetValue<long>(), Is.EqualTo(data.Columns.Sum(Analysis.Infrastructure.Datasets.ColumnBinaryFormat.SizeOf)));
                    Assert.That(csvText, Is.EqualTo("x,g\r\n1,a\r\n2,b\r\n3,\r\n4.5,b\r\n"));
                    Assert.That(deleted, Is.EqualTo(HttpStatusCode.NoContent));
                    Assert.That(datasetAfter, Is.EqualTo(HttpStatusCode.NotFound), "a carried-over dataset goes with its session");
                    Assert.That(otherDataset, Is.EqualTo(HttpStatusCode.OK));
                });
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
