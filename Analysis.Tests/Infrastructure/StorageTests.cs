using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Analysis.Tests.Api;
using Analysis.Tests.Application;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Tests.Infrastructure;

/// <summary>Large datasets stored in parts, a locked database answered 503 (not 500), and unfinished stores cleaned up.</summary>
public sealed class StorageTests
{
    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task AValuePastTheDatabasesLimit_IsToldFromABusyDatabase()
    {
        // SQLite's limit on a string or blob, lowered from its 1e9 default so that a test can pass it.
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_LENGTH, 1000);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ($v)";
        command.Parameters.AddWithValue("$v", new string('x', 5000));

        var tooBig = Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(StorageErrors.IsTooLarge(tooBig), Is.True);
            Assert.That(StorageErrors.IsBusy(tooBig), Is.False, "not retried as busy");
            Assert.That(StorageErrors.IsTooLarge(new SqliteException("busy", 5)), Is.False);
        });
    }

    [Test]
    public async Task AFullDisk_IsToldApartFromABusyDatabase_OnBothProviders()
    {
        // A real SQLITE_FULL without a full disk: the database may not grow past its page limit.
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        foreach (var sql in new[] { "CREATE TABLE t (v BLOB)", "PRAGMA max_page_count = 4" })
        {
            await using var setup = connection.CreateCommand();
            setup.CommandText = sql;
            await setup.ExecuteScalarAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (zeroblob(100000))";
        var full = Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync())!;
        var postgres = new Npgsql.PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100");
        var enospc = new IOException("No space left on device", 28);

        Assert.Multiple(() =>
        {
            Assert.That(full.SqliteErrorCode, Is.EqualTo(13), full.Message);
            Assert.That(StorageErrors.IsFull(full), Is.True);
            Assert.That(StorageErrors.IsFull(new DbUpdateException("wrapped by EF", full)), Is.True);
            Assert.That(StorageErrors.IsFull(postgres), Is.True);
            Assert.That(StorageErrors.IsFull(new InvalidOperationException("wrapped", enospc)), Is.True);
            Assert.That(StorageErrors.IsBusy(full), Is.False, "not retried as busy");
            Assert.That(StorageErrors.IsFull(new SqliteException("database is locked", 5)), Is.False);
            Assert.That(StorageErrors.IsFull(new Npgsql.PostgresException("too many connections", "FATAL", "FATAL", "53300")), Is.False);
            Assert.That(StorageErrors.IsTooLarge(full), Is.False);
        });
    }

    [Test]
    public async Task LargeDataset_IsStoredInParts_AndReadBackWhole()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:DatasetHandoffBytes"] = "0" }); // read from the database
        using var client = factory.CreateClient();
        var values = Enumerable.Range(0, 1_500_000).Select(i => i % 1000 / 10.0).ToArray(); // 12 MB stored
        var data = new Dataset([new NumericColumn("x", values)]);
        var session = AnalysisSession.Create(TestData.Owner, "big", data.Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>().AddAsync(session, data, SessionAdmission.Unlimited, CancellationToken.None);
        }

        await client.WaitForStatusAsync(session.Id.ToString(), "completed");
        var results = await client.GetJsonAsync($"/api/session/{session.Id}/results");
        var parts = await ScalarAsync(factory.DatabasePath, "SELECT COUNT(*) FROM dataset_columns");
        var bytes = await ScalarAsync(factory.DatabasePath, "SELECT Bytes FROM datasets");

        Assert.Multiple(() =>
        {
            Assert.That(parts, Is.EqualTo(3), "12 MB in parts of at most 4 MiB");
            Assert.That(bytes, Is.EqualTo(12_000_000));
            Assert.That(results["results"]![0]!["columns"]!["x"]!["count"]!.GetValue<int>(), Is.EqualTo(1_500_000));
            Assert.That(results["results"]![0]!["columns"]!["x"]!["mean"]!.GetValue<double>(), Is.EqualTo(values.Average()).Within(1e-9));
        });
    }

    [Test]
    public async Task Writes_WhileAnotherWriterHoldsTheDatabase_Are503WithRetryAfter_ThenSucceed()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        var path = factory.DatabasePath;
        await using var client = factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Analysis", $"Data Source={path};Default Timeout=1"));
        using var http = client.CreateClient();
        var id = await http.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        HttpStatusCode create, cancel;
        string? retryAfter;
        string error;
        await using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;"; // the write lock, held
                await begin.ExecuteNonQueryAsync();
            }

            using var created = await http.CreateMultipartAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
            using var cancelled = await http.PostAsync($"/api/session/{id}/cancel", null);
            (create, cancel) = (created.StatusCode, cancelled.StatusCode);
            retryAfter = created.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            error = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        }

        using var later = await http.CreateMultipartAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        Assert.Multiple(async () =>
        {
            Assert.That(create, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(cancel, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(retryAfter, Is.EqualTo("2"));
            Assert.That(error, Is.EqualTo("The database is busy with other writes; try again shortly."));
            Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That((await SqliteTestDatabase.CountRowsAsync(path)).Sessions, Is.EqualTo(2), "the refused create stored nothing");
        });
    }

    [Test]
    public async Task Housekeeping_ErasesAStoreADeadProcessLeftUnfinished()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }, services => services.AddSingleton<TimeProvider>(time));
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var hide = connection.CreateCommand();
            // As a process that died between a large dataset's parts and its reveal leaves it: the dataset hidden, no
            // content key yet, and no session (the session is inserted with the reveal).
            hide.CommandText = "DELETE FROM sessions; UPDATE datasets SET Stored = 0, ContentKey = NULL";
            await hide.ExecuteNonQueryAsync();
        }

        using var hidden = await client.GetAsync($"/api/datasets/{id}");
        var retention = factory.Services.GetRequiredService<RetentionService>();
        await retention.SweepAsync(CancellationToken.None);
        var afterMinutes = await factory.CountRowsAsync();
        time.Advance(TimeSpan.FromHours(2));
        await retention.SweepAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "an unfinished store is invisible");
            Assert.That(afterMinutes.Datasets, Is.EqualTo(1), "a store a live process may still finish is left alone");
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)));
        });
    }
}
