using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Persistence;
using Analysis.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Analysis.Tests.Postgres;

/// <summary>
/// The PostgreSQL migration that made datasets a resource, on a database as the version before it left it: its
/// schema made by that version's migrations, its rows written as that version wrote them (a session's columns as
/// <c>ColumnBinaryFormat</c> parts in <c>session_dataset_columns</c>, its bytes in <c>DatasetBytes</c>, a completed
/// session with its results). Started by this version, every session is on a dataset of its own under its id; the
/// pending one runs to the right numbers, and a session's delete takes its dataset.
/// </summary>
public sealed class PostgresMigrationTests
{
    /// <summary>The last migration before datasets were a resource.</summary>
    private const string BeforeDatasets = "20261129152211_DatasetPartsQuotasIdempotency";

    [Test]
    public async Task DatabaseOfThePreviousVersion_CarriesItsSessionsOverToDatasets()
    {
        var database = PostgresServer.NewDatabase();
        var data = new Dataset([new NumericColumn("x", [1, 2, 3, 4.5]), new CategoricalColumn("g", [0, 1, -1, 1], ["a", "b"])]);
        var pending = Guid.CreateVersion7();
        var completed = Guid.CreateVersion7();
        try
        {
            await using (var db = new PostgresAnalysisDbContext(new DbContextOptionsBuilder<PostgresAnalysisDbContext>().UseNpgsql(database).Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeDatasets);
            }

            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                var now = DateTimeOffset.UtcNow;
                const string schema = """{"rows":4,"columns":[{"name":"x","type":"numeric","missing":0},{"name":"g","type":"categorical","missing":1,"levels":2}]}""";
                foreach (var (id, status) in new[] { (pending, "pending"), (completed, "completed") })
                {
                    var done = status == "completed";
                    await using var session = new NpgsqlCommand(
                        """
                        INSERT INTO sessions ("Id", "Name", "Status", "DatasetJson", "PlanJson", "HighlightsJson", "CreatedAt", "UpdatedAt", "CompletedAt",
                                              "CompletedAnalyses", "AnalysesFailed", "Version", "Attempts", "Owner", "DatasetBytes", "Stored")
                        VALUES (@id, @status, @status, @schema, '[{"type":"descriptive","columns":["x"]}]', @highlights, @now, @now, @completedAt,
                                @done, 0, 1, @attempts, 'alice', @bytes, TRUE)
                        """, connection);
                    session.Parameters.AddWithValue("id", id);
                    session.Parameters.AddWithValue("status", status);
                    session.Parameters.AddWithValue("schema", schema);
                    session.Parameters.AddWithValue("highlights", done ? """["descriptive x: mean = 2.625"]""" : DBNull.Value);
                    session.Parameters.AddWithValue("now", now);
                    session.Parameters.AddWithValue("completedAt", done ? now : DBNull.Value);
                    session.Parameters.AddWithValue("done", done ? 1 : 0);
                    session.Parameters.AddWithValue("attempts", done ? 1 : 0);
                    session.Parameters.AddWithValue("bytes", data.Columns.Sum(ColumnBinaryFormat.SizeOf));
                    await session.ExecuteNonQueryAsync();
                    for (var ordinal = 0; ordinal < data.Columns.Count; ordinal++)
                    {
                        var part = 0;
                        foreach (var bytes in ColumnBinaryFormat.WriteParts(data.Columns[ordinal], 16))
                        {
                            await using var column = new NpgsqlCommand(
                                """INSERT INTO session_dataset_columns ("SessionId", "Ordinal", "Part", "Data") VALUES (@id, @ordinal, @part, @data)""", connection);
                            column.Parameters.AddWithValue("id", id);
                            column.Parameters.AddWithValue("ordinal", ordinal);
                            column.Parameters.AddWithValue("part", part++);
                            column.Parameters.AddWithValue("data", bytes);
                            await column.ExecuteNonQueryAsync();
                        }
                    }
                }

                await using var results = new NpgsqlCommand(
                    """INSERT INTO session_results ("SessionId", "Json") VALUES (@id, '[{"type":"descriptive","stored":"before"}]')""", connection);
                results.Parameters.AddWithValue("id", completed);
                await results.ExecuteNonQueryAsync();
            }

            await using var factory = new ApiFactory(new() { ["ConnectionStrings:Analysis"] = database }, provider: Providers.Postgres);
            using var client = factory.CreateClient();
            await client.WaitForStatusAsync(pending.ToString(), "completed");
            var ran = await client.GetJsonAsync($"/api/session/{pending}/results");
            var kept = await client.GetJsonAsync($"/api/session/{completed}/results");
            var details = await client.GetJsonAsync($"/api/session/{completed}");
            var dataset = await client.GetJsonAsync($"/api/datasets/{pending}");
            using var csv = await client.GetAsync($"/api/datasets/{pending}/csv");
            var csvText = await csv.Content.ReadAsStringAsync();
            var (deleted, _) = await client.SendAsync(HttpMethod.Delete, $"/api/session/{completed}");
            var (datasetAfter, _) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{completed}");
            var oldTable = await PostgresServer.ScalarAsync<long>(database, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'session_dataset_columns'");

            Assert.Multiple(() =>
            {
                Assert.That(ran["results"]![0]!["columns"]!["x"]!["mean"]!.GetValue<double>(), Is.EqualTo(2.625), "(1 + 2 + 3 + 4.5) / 4 from the moved columns");
                Assert.That(kept["results"]!.ToJsonString(), Is.EqualTo("""[{"type":"descriptive","stored":"before"}]"""));
                Assert.That(details["session"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(completed));
                Assert.That(dataset["dataset"]!["sessions"]!.GetValue<int>(), Is.EqualTo(1));
                Assert.That(dataset["dataset"]!["bytes"]!.GetValue<long>(), Is.EqualTo(data.Columns.Sum(ColumnBinaryFormat.SizeOf)));
                Assert.That(csvText, Is.EqualTo("x,g\r\n1,a\r\n2,b\r\n3,\r\n4.5,b\r\n"));
                Assert.That((deleted, datasetAfter), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NotFound)), "a carried-over dataset goes with its session");
                Assert.That(oldTable, Is.Zero, "the old table is gone");
            });
        }
        finally
        {
            await PostgresServer.DropAsync(database);
        }
    }
}
