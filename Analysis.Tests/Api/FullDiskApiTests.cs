using System.Data.Common;
using System.Text;
using Analysis.Api.Errors;
using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Analysis.Tests.Api;

/// <summary>
/// A full disk through the real host, with the faults injected (every CI run; <see cref="FullDiskTmpfsTests"/> fills a
/// real one where mounting is allowed): the database's writes fail as SQLite fails them (error 13), or the upload's
/// temporary file meets ENOSPC. Creates are 503 with Retry-After and a message that says storage is full — never a 500,
/// never the client's 400 — readiness says so, the operator is told once, and deletes still go through.
/// </summary>
public sealed class FullDiskApiTests
{
    private const string Plan = """[{"type":"descriptive","columns":["extra"]}]""";

    /// <summary>
    /// A full disk as SQLite meets it: while <see cref="Full"/>, every write fails with SQLITE_FULL, except a delete once
    /// the database's reserve file is gone (its room is what a delete needs); with no reserve kept, deletes fail too.
    /// </summary>
    private sealed class FullDatabaseDisk(string? reservePath) : DbCommandInterceptor
    {
        public volatile bool Full;

        public int Refused;

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            var write = sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase);
            var delete = sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
            var roomForADelete = reservePath is not null && !File.Exists(reservePath);
            if (Full && (write || (delete && !roomForADelete)))
            {
                Interlocked.Increment(ref Refused);
                throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, JsonObject Body)> ReadAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonNode.Parse(text)!.AsObject());
    }

    private static List<CapturedLogs.LogEntry> Critical(ApiFactory factory, string startsWith) =>
        [.. factory.Logs.Entries.Where(e => e.Level == LogLevel.Critical && e.Message.StartsWith(startsWith, StringComparison.Ordinal))];

    /// <summary>The service's own error lines (EF Core logs each failed command, and the health checks each failed probe, as they do for any fault).</summary>
    private static List<CapturedLogs.LogEntry> OurErrors(ApiFactory factory) =>
        [.. factory.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Category.StartsWith("Analysis.", StringComparison.Ordinal))];

    [Test]
    public async Task FullDatabaseDisk_CreatesAre503SayingSo_ReadyIs503_DeletesGoThroughInTheReserve_AndCreatesWorkOnceThereIsRoom()
    {
        FullDatabaseDisk? disk = null;
        await using var factory = new ApiFactory(services: s => s.AddSingleton<IInterceptor>(_ => disk!));
        var reserve = factory.DatabasePath + DatabaseReserve.Suffix;
        disk = new FullDatabaseDisk(reserve);
        using var client = factory.CreateClient();
        var kept = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await client.WaitForStatusAsync(kept, "completed");
        await factory.Services.GetRequiredService<RetentionService>().FirstSweepDone; // its deletes would race the full disk
        Assert.That(File.Exists(reserve), Is.True, "the reserve is written at start");

        disk.Full = true;
        var create = await ReadAsync(client.CreateMultipartAsync(ApiClient.SleepCsv, Plan));
        var again = await ReadAsync(client.CreateMultipartAsync(ApiClient.SleepCsv, Plan));
        using var ready = await client.GetAsync("/health/ready");
        var readiness = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        using var delete = await client.DeleteAsync($"/api/session/{kept}");
        var (afterDelete, _) = await client.SendAsync(HttpMethod.Get, $"/api/session/{kept}/status");
        var reserveAfterDelete = File.Exists(reserve);
        var refusedBeforeRoom = disk.Refused;

        disk.Full = false; // an operator made room
        var created = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await client.WaitForStatusAsync(created, "completed");
        using var readyAgain = await client.GetAsync("/health/ready");

        Assert.Multiple(() =>
        {
            Assert.That(create.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), create.Body.ToJsonString());
            Assert.That(create.RetryAfter, Is.EqualTo("60"));
            Assert.That(create.Body["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.Database)));
            Assert.That(create.Body["error"]!.GetValue<string>(), Does.StartWith("The service's storage is full"));
            Assert.That(create.Body.ToJsonString(), Does.Not.Contain("SQLite"), "no exception text");
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(refusedBeforeRoom, Is.GreaterThanOrEqualTo(3), "the creates and the delete's first try met the full disk");

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), readiness.ToJsonString());
            Assert.That(readiness["checks"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
            Assert.That(readiness["checks"]!["storage"]!["description"]!.GetValue<string>(), Does.Contain("the disk is full"));
            Assert.That(readiness["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"), "reads still work");

            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the delete went through in the reserve's room");
            Assert.That(afterDelete, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(reserveAfterDelete, Is.False, "the reserve was released for it");
            Assert.That(Critical(factory, "The database's disk is full: its reserve"), Has.Count.EqualTo(1));

            Assert.That(readyAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a write went through since, and the disk has room");
            Assert.That(File.Exists(reserve), Is.True, "kept again once there was room");
            Assert.That(Critical(factory, "Storage full: the database"), Has.Count.EqualTo(1), "the operator is told once, not once a request");
            Assert.That(OurErrors(factory), Is.Empty, "no 500, no error per request");
        });
    }

    [Test]
    public async Task FullDatabaseDisk_WithoutAReserve_ADeleteIs503SayingSo_AndNothingIsErased()
    {
        FullDatabaseDisk? disk = null;
        await using var factory = new ApiFactory(new() { ["Database:ReserveBytes"] = "0" }, services: s => s.AddSingleton<IInterceptor>(_ => disk!));
        disk = new FullDatabaseDisk(reservePath: null);
        using var client = factory.CreateClient();
        var kept = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await client.WaitForStatusAsync(kept, "completed");
        await factory.Services.GetRequiredService<RetentionService>().FirstSweepDone; // its deletes would race the full disk

        disk.Full = true;
        var delete = await ReadAsync(client.DeleteAsync($"/api/session/{kept}"));
        disk.Full = false;
        var (status, _) = await client.SendAsync(HttpMethod.Get, $"/api/session/{kept}/status");

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(factory.DatabasePath + DatabaseReserve.Suffix), Is.False, "no reserve kept");
            Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), delete.Body.ToJsonString());
            Assert.That(delete.RetryAfter, Is.EqualTo("60"));
            Assert.That(delete.Body["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.Database)));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "nothing was erased");
        });
    }

    [Test]
    public async Task FullDatabaseDisk_Housekeeping_DeletesInTheReserve_OrIsPostponedWithoutAnErrorLine()
    {
        FullDatabaseDisk? disk = null;
        await using var factory = new ApiFactory(services: s => s.AddSingleton<IInterceptor>(_ => disk!));
        var reserve = factory.DatabasePath + DatabaseReserve.Suffix;
        disk = new FullDatabaseDisk(reserve);
        using var client = factory.CreateClient();
        var kept = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await client.WaitForStatusAsync(kept, "completed");
        await factory.Services.GetRequiredService<RetentionService>().FirstSweepDone; // its deletes would race the full disk
        var retention = factory.Services.GetRequiredService<RetentionService>();

        var refusedBefore = disk.Refused;
        disk.Full = true;
        await retention.SweepAsync(CancellationToken.None); // its deletes meet the full disk, then go through in the reserve's room
        var refusedInTheSweep = disk.Refused - refusedBefore;
        disk.Full = false;

        var bareDisk = new FullDatabaseDisk(reservePath: null);
        await using var bare = new ApiFactory(new() { ["Database:ReserveBytes"] = "0" }, services: s => s.AddSingleton<IInterceptor>(bareDisk));
        using var bareClient = bare.CreateClient();
        await bareClient.CreateSessionAsync(ApiClient.SleepCsv, Plan); // the host is up
        await bare.Services.GetRequiredService<RetentionService>().FirstSweepDone;
        bareDisk.Full = true;
        var noRoom = Assert.ThrowsAsync<StorageFullException>(() => bare.Services.GetRequiredService<RetentionService>().SweepAsync(CancellationToken.None));
        bareDisk.Full = false;

        Assert.Multiple(() =>
        {
            Assert.That(refusedInTheSweep, Is.GreaterThanOrEqualTo(1), "the sweep's first delete met the full disk");
            Assert.That(File.Exists(reserve), Is.False, "the reserve was released for the sweep");
            Assert.That(noRoom, Is.Not.Null, "with no reserve, the sweep stops as a full disk (RetentionService tries again in a minute, a warning)");
            Assert.That(OurErrors(factory), Is.Empty);
            Assert.That(OurErrors(bare), Is.Empty);
        });
    }

    /// <summary>
    /// The upload's body, as the temporary file it is spilled to meets a full disk: past <see cref="AfterBytes"/> a read
    /// fails with ENOSPC (how a body buffered to disk fails).
    /// </summary>
    private sealed class FullTemporaryFolder : IStartupFilter
    {
        public const int AfterBytes = 3 << 19; // 1.5 MiB: past the 1 MiB an upload may keep in memory

        public volatile bool Full;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (Full && HttpMethods.IsPost(context.Request.Method))
                {
                    context.Request.Body = new FailingStream(context.Request.Body);
                }

                await nextMiddleware(context);
            });
            next(app);
        };

        private sealed class FailingStream(Stream inner) : Stream
        {
            private long _read;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => _read; set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_read > AfterBytes)
                {
                    throw new IOException($"No space left on device : '{Path.GetTempPath()}analysis-upload-0.csv'", 28);
                }

                var read = await inner.ReadAsync(buffer, cancellationToken);
                _read += read;
                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }

    [Test]
    public async Task FullTemporaryFolder_MultipartAndJsonCreates_Are503SayingSo_NotA400ForTheClient()
    {
        var folder = new FullTemporaryFolder();
        await using var factory = new ApiFactory(services: s => s.AddSingleton<IStartupFilter>(folder));
        using var client = factory.CreateClient();
        var csv = new StringBuilder("x,y\n");
        for (var i = 0; csv.Length < 5 << 19; i++)
        {
            csv.Append(i).Append(',').Append(i % 7).Append('\n'); // 2.5 MiB
        }

        var json = $$"""{"csv":{{JsonValue.Create(csv.ToString()).ToJsonString()}},"analyses":{{Plan.Replace("extra", "x", StringComparison.Ordinal)}}}""";
        var plan = Plan.Replace("extra", "x", StringComparison.Ordinal);

        folder.Full = true;
        var multipart = await ReadAsync(client.CreateMultipartAsync(csv.ToString(), plan));
        var asJson = await ReadAsync(client.CreateJsonAsync(json));
        using var ready = await client.GetAsync("/health/ready");
        var readiness = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        folder.Full = false;
        var created = await client.CreateSessionAsync(csv.ToString(), plan);

        Assert.Multiple(() =>
        {
            foreach (var (form, answer) in new[] { ("multipart", multipart), ("json", asJson) })
            {
                Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"{form}: {answer.Body.ToJsonString()}");
                Assert.That(answer.RetryAfter, Is.EqualTo(ApiExceptionHandler.StorageFullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), form);
                Assert.That(answer.Body["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.TemporaryFolder)), form);
                Assert.That(answer.Body["errors"], Is.Null, $"{form}: not a validation error");
            }

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(readiness["checks"]!["storage"]!["description"]!.GetValue<string>(), Does.Contain("the temporary folder").And.Contain("the disk is full"));
            Assert.That(created, Is.Not.Empty, "with room again, the same upload is accepted");
            Assert.That(Critical(factory, "Storage full: the temporary folder"), Has.Count.EqualTo(1), "told once");
            Assert.That(OurErrors(factory), Is.Empty);
        });
    }
}
