using System.Diagnostics;
using Analysis.Infrastructure.Changes;
using Analysis.Infrastructure.Workers;
using Analysis.Tests.Api;

namespace Analysis.Tests.Postgres;

/// <summary>
/// Several service hosts on one real PostgreSQL database, as behind a load balancer: they start together, claim
/// without running a session twice, hear each other's changes within a second (NOTIFY/LISTEN), and survive a
/// dropped listening connection. Skipped without a server (<see cref="PostgresServer"/>).
/// </summary>
[NonParallelizable]
public sealed class ScaleOutTests
{
    private const string Plan = """[{"type":"descriptive"}]""";

    private string? _database;

    private string Database => _database ?? throw new InvalidOperationException("SetUp made no database.");
    private readonly List<ApiFactory> _hosts = [];

    [SetUp]
    public void SetUp() => _database = PostgresServer.NewDatabase();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        if (_database is not null)
        {
            await PostgresServer.DropAsync(_database);
            _database = null;
        }
    }

    private ApiFactory Host(bool worker = true, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Analysis"] = Database,
            ["Analysis:WorkerEnabled"] = worker ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var host = new ApiFactory(all, services);
        _hosts.Add(host);
        return host;
    }

    private static HttpRequestMessage LongPoll(string id, string etag, int seconds)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status?wait={seconds}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return request;
    }

    private static async Task<string> EtagAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/session/{id}/status");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response.Headers.ETag!.Tag;
    }

    [Test]
    public async Task ThreeHosts_StartedAtOnceOnANewDatabase_AllComeUp_AndMigrateOnce()
    {
        var hosts = new[] { Host(), Host(), Host() };

        var clients = await Task.WhenAll(hosts.Select(h => Task.Run(h.CreateClient)));
        var ready = await Task.WhenAll(clients.Select(c => c.GetAsync("/health/ready")));
        var applied = await PostgresServer.ScalarAsync<long>(Database, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"");

        Assert.Multiple(() =>
        {
            Assert.That(ready.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(applied, Is.EqualTo(5), "every migration applied once");
        });
    }

    [Test]
    public async Task Session_CreatedOnOneHost_CompletesAndIsReadThroughTheOthers()
    {
        using var a = Host(worker: false).CreateClient();
        using var b = Host().CreateClient();
        using var c = Host(worker: false).CreateClient();

        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        var status = await c.WaitForStatusAsync(id, "completed");
        var results = await a.GetJsonAsync($"/api/session/{id}/results");

        Assert.Multiple(() =>
        {
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(results["results"]![0]!["columns"]!["extra"]!["mean"]!.GetValue<double>(), Is.EqualTo(1.54).Within(1e-12));
        });
    }

    [Test]
    public async Task Sample_OfADatasetStoredByAnotherHost_IsReadPartByPart()
    {
        // 600,000 rows: x is 4.8 MB, stored as two parts (4 MiB at most each); g's codes are one part.
        const int rows = 600_000;
        using var a = Host(worker: false).CreateClient();
        using var b = Host(worker: false).CreateClient();
        var csv = new System.Text.StringBuilder("x,g\n", rows * 12);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(i % 7 == 3 ? "NA" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(i % 5 == 0 ? "" : i % 2 == 0 ? "even" : "odd").Append('\n');
        }

        var id = await a.CreateSessionAsync(csv.ToString(), Plan);
        var parts = await PostgresServer.ScalarAsync<long>(Database, "SELECT COUNT(*) FROM dataset_columns WHERE \"Ordinal\" = 0");

        var sample = await b.GetJsonAsync($"/api/session/{id}/sample?columns=g&columns=x&limit=1000");
        var x = sample["columns"]![1]!["values"]!.AsArray().Select(v => v?.GetValue<double>()).ToArray();
        var g = sample["columns"]![0]!["values"]!.AsArray().Select(v => v?.GetValue<string>()).ToArray();
        var sampled = Enumerable.Range(0, 1000).Select(k => k * 600).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(parts, Is.EqualTo(2), "x is stored in two parts");
            Assert.That(sample["rows"]!.GetValue<int>(), Is.EqualTo(rows));
            Assert.That(x, Is.EqualTo(sampled.Select(i => i % 7 == 3 ? (double?)null : i * 0.5)), "rows 0, 600, …, 599,400 from both parts");
            Assert.That(g, Is.EqualTo(sampled.Select(i => i % 5 == 0 ? null : i % 2 == 0 ? "even" : "odd")));
        });
    }

    [Test]
    public async Task ManyClaimers_OnThreeHosts_RunEverySessionExactlyOnce()
    {
        var fast = new Dictionary<string, string?> { ["Analysis:WorkerConcurrency"] = "3" };
        using var a = Host(settings: fast).CreateClient();
        using var b = Host(settings: fast).CreateClient();
        using var c = Host(settings: fast).CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await new[] { a, b, c }[i % 3].CreateSessionAsync(ApiClient.SleepCsv, Plan));
        }

        foreach (var id in ids)
        {
            await a.WaitForStatusAsync(id, "completed");
        }

        var attempts = await PostgresServer.ScalarAsync<long>(Database, "SELECT SUM(\"Attempts\") FROM sessions");
        var ran = _hosts.Sum(h => h.Logs.Entries.Count(e => e.Message.Contains(" completed in ", StringComparison.Ordinal)));

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(30), "one claim per session");
            Assert.That(ran, Is.EqualTo(30), "one run per session, across the three hosts");
            Assert.That(_hosts.Count(h => h.Logs.Entries.Any(e => e.Message.Contains(" completed in ", StringComparison.Ordinal))), Is.GreaterThan(1),
                "more than one host did work");
        });
    }

    [Test]
    public async Task SessionOfADeadWorker_IsTakenOverByAnotherHost()
    {
        using var a = Host(worker: false).CreateClient();
        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);

        // As a process that claimed it and died leaves it: running, leased to a worker that will never renew.
        await PostgresServer.ExecuteAsync(Database,
            $"UPDATE sessions SET \"Status\" = 'running', \"LeaseOwner\" = 'gone/0/dead:0', \"Attempts\" = 1, " +
            $"\"LeaseExpiresAt\" = now() - interval '1 second', \"Version\" = \"Version\" + 1 WHERE \"Id\" = '{id}'");
        using var b = Host().CreateClient();
        var status = await b.WaitForStatusAsync(id, "completed");
        var attempts = await PostgresServer.ScalarAsync<int>(Database, $"SELECT \"Attempts\" FROM sessions WHERE \"Id\" = '{id}'");

        Assert.That((status["status"]!.GetValue<string>(), attempts), Is.EqualTo(("completed", 2)));
    }

    [Test]
    public async Task KillNine_OfAProcess_ItsRunningSessionRunsElsewhere_WithinSeconds()
    {
        // A is a real process, so that it can die as a process dies; B a host here that has seen A live.
        var folder = Directory.CreateTempSubdirectory("analysis-kill-").FullName;
        try
        {
            await using var a = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Analysis"] = Database,
                ["Auth__ApiKeys__0__Key"] = ApiFactory.AliceKey,
                ["Auth__ApiKeys__0__Owner"] = "alice",
                ["Analysis__WorkerConcurrency"] = "1",
            });
            using var onA = new HttpClient { BaseAddress = new Uri(await a.ListeningAsync()) };
            onA.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AliceKey);
            var random = new Random(18);
            var csv = new System.Text.StringBuilder(string.Join(',', Enumerable.Range(0, 30).Select(i => $"c{i}"))).Append('\n');
            for (var row = 0; row < 10_000; row++)
            {
                csv.AppendJoin(',', Enumerable.Range(0, 30).Select(_ => random.Next(1000))).Append('\n');
            }

            // About a second of Kendall each: long enough to be running when A dies.
            var id = await onA.CreateSessionAsync(csv.ToString(), "[" + string.Join(',', Enumerable.Repeat("""{"type":"correlation","method":"kendall"}""", 60)) + "]");
            await onA.WaitForStatusAsync(id, "running");
            var b = Host();
            using var onB = b.CreateClient();
            await Task.Delay(DeadProcessSweeperSeesALife);

            a.Process.Kill(entireProcessTree: true);
            var died = Stopwatch.StartNew();
            var attempts = 1;
            while (attempts < 2 && died.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
                attempts = await PostgresServer.ScalarAsync<int>(Database, $"SELECT \"Attempts\" FROM sessions WHERE \"Id\" = '{id}'");
            }

            var takenOverAfter = died.Elapsed;
            var holder = await PostgresServer.ScalarAsync<string>(Database, $"SELECT \"LeaseOwner\" FROM sessions WHERE \"Id\" = '{id}'");
            await TestContext.Out.WriteLineAsync($"kill -9: the session ran again elsewhere after {takenOverAfter.TotalSeconds:0.0} s");
            using var _ = await onB.DeleteAsync($"/api/session/{id}");

            Assert.Multiple(() =>
            {
                Assert.That(attempts, Is.EqualTo(2), "claimed again");
                Assert.That(takenOverAfter, Is.LessThan(TimeSpan.FromSeconds(5)), "within seconds, not the 30 s lease");
                Assert.That(b.Logs.Entries.Any(e => e.Message.StartsWith("Process ", StringComparison.Ordinal) && e.Message.Contains(" is gone ", StringComparison.Ordinal)), Is.True);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task DroppedListeningConnection_OfALiveProcess_DoesNotHandItsSessionsToAnother()
    {
        var a = Host(settings: new() { ["Analysis:WorkerConcurrency"] = "1" }, services: s => s.AddSingleton<IAnalysisType>(new WaitType()));
        using var onA = a.CreateClient();
        var id = await onA.CreateSessionAsync("x\n1\n", """[{"type":"wait","seconds":30}]""");
        await onA.WaitForStatusAsync(id, "running");
        var b = Host(services: s => s.AddSingleton<IAnalysisType>(new WaitType()));
        using var onB = b.CreateClient();
        await Task.Delay(DeadProcessSweeperSeesALife);
        var listener = a.Services.GetRequiredService<PostgresChangeSubscriber>();

        // A's listening connection, which holds its life lock, is ended by the server; A itself lives on.
        await PostgresServer.ExecuteAsync(Database, $"SELECT pg_terminate_backend({listener.BackendProcessId})");
        await Task.Delay(DeadProcessSweeper.GoneFor * 2);
        var attempts = await PostgresServer.ScalarAsync<int>(Database, $"SELECT \"Attempts\" FROM sessions WHERE \"Id\" = '{id}'");
        using var _ = await onA.DeleteAsync($"/api/session/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(1), "still A's: its lock was back within the time B gives it");
            Assert.That(listener.HoldsLifeLock, Is.True);
            Assert.That(b.Logs.Entries.Where(e => e.Message.Contains(" is gone ", StringComparison.Ordinal)), Is.Empty);
        });
    }

    /// <summary>Long enough for a new host's listener to connect and its sweeper to have seen the other lives twice.</summary>
    private static readonly TimeSpan DeadProcessSweeperSeesALife = TimeSpan.FromSeconds(4);

    [Test]
    public async Task LongPollAndEventStream_OnOneHost_WakeWithinASecond_OfAChangeOnAnother()
    {
        using var a = Host(worker: false).CreateClient();
        using var b = Host(worker: false).CreateClient();
        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        var etag = await EtagAsync(b, id);
        using var stream = await b.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        while (await events.ReadLineAsync() is { Length: > 0 })
        {
            // the first event
        }

        var poll = b.SendAsync(LongPoll(id, etag, 30));
        await Task.Delay(500);
        Assert.That(poll.IsCompleted, Is.False, "held");

        var changed = Stopwatch.StartNew();
        using (var cancel = await a.PostAsync($"/api/session/{id}/cancel", null))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var answered = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        var pollWoke = changed.Elapsed;
        string? line;
        while ((line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5))) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }

        var streamWoke = changed.Elapsed;

        Assert.Multiple(async () =>
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonNode.Parse(await answered.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(pollWoke, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(JsonNode.Parse(line![6..])!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(streamWoke, Is.LessThan(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task VersionMap_OnPostgres_Answers304FromMemory_AndNeverAStaleOne()
    {
        using var a = Host(worker: false).CreateClient();
        CountingStatusReader? reads = null;
        var hostB = Host(worker: false, services: services =>
        {
            services.AddSingleton<Analysis.Infrastructure.Persistence.SessionStatusReader>();
            services.AddSingleton<Analysis.Application.Abstractions.ISessionStatusReader>(sp =>
                reads = new CountingStatusReader(sp.GetRequiredService<Analysis.Infrastructure.Persistence.SessionStatusReader>()));
        });
        using var b = hostB.CreateClient();
        var listener = hostB.Services.GetRequiredService<PostgresChangeSubscriber>();
        var connected = DateTime.UtcNow.AddSeconds(10);
        while (listener.BackendProcessId is null && DateTime.UtcNow < connected)
        {
            await Task.Delay(20); // memory answers only once the listener hears every change
        }

        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        var etag = await EtagAsync(b, id);
        var readsBefore = reads!.Reads;
        using var notModified = await b.SendAsync(LongPoll(id, etag, 0));
        var readsFor304 = reads.Reads - readsBefore;
        using (await a.PostAsync($"/api/session/{id}/cancel", null))
        {
        }

        // No wait beyond the NOTIFY's trip: the next poll on B must see the change A made, never a stale 304.
        await Task.Delay(200);
        using var after = await b.SendAsync(LongPoll(id, etag, 0));

        Assert.Multiple(async () =>
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(readsFor304, Is.Zero, "the 304 came from memory, not the database");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonNode.Parse(await after.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task NewWork_OnOneHost_WakesAnIdleWorkerOnAnother_AtOnce()
    {
        using var a = Host(worker: false).CreateClient();
        using var b = Host(settings: new() { ["Analysis:ClaimIntervalMilliseconds"] = "60000" }).CreateClient();
        await Task.Delay(500); // B's worker has looked once and now waits (a minute, unless woken)

        var created = Stopwatch.StartNew();
        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await a.WaitForStatusAsync(id, "completed");

        Assert.That(created.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "woken by the NOTIFY, not by its minute's poll");
    }

    [Test]
    public async Task DroppedListeningConnection_IsReestablished_AndAChangeMadeMeanwhile_StillWakesTheWaitingPoll()
    {
        using var a = Host(worker: false).CreateClient();
        var hostB = Host(worker: false);
        using var b = hostB.CreateClient();
        var listener = hostB.Services.GetRequiredService<PostgresChangeSubscriber>();
        var id = await a.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        var etag = await EtagAsync(b, id);
        var connected = DateTime.UtcNow.AddSeconds(10);
        while (listener.BackendProcessId is null && DateTime.UtcNow < connected)
        {
            await Task.Delay(20); // the listener connects in the background after start
        }

        var backend = listener.BackendProcessId;
        Assert.That(backend, Is.Not.Null);

        // A long poll waits on B; B's listening connection is killed, and A changes the session while B is deaf
        // (before its listener is back: its first retry is 250 ms later). B must still answer the poll.
        var poll = b.SendAsync(LongPoll(id, etag, 30));
        await Task.Delay(300);
        await PostgresServer.ExecuteAsync(Database, $"SELECT pg_terminate_backend({backend})");
        var lost = DateTime.UtcNow.AddSeconds(5);
        while (listener.BackendProcessId is not null && DateTime.UtcNow < lost)
        {
            await Task.Delay(5);
        }

        var changed = Stopwatch.StartNew();
        using (await a.PostAsync($"/api/session/{id}/cancel", null))
        {
        }

        var changedWhileDeaf = listener.Connections == 1;
        using var answered = await poll.WaitAsync(TimeSpan.FromSeconds(15));
        var answeredAfter = changed.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(changedWhileDeaf, Is.True, "the change was made while B's listener was down");
            Assert.That(listener.Connections, Is.EqualTo(2), "reconnected once");
            Assert.That(listener.BackendProcessId, Is.Not.EqualTo(backend));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the poll re-read when the listener came back");
            Assert.That(answeredAfter, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(hostB.Logs.Entries, Has.Some.Matches<CapturedLogs.LogEntry>(e => e.Message.StartsWith("Change feed lost", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task EveryConnectionDropped_AsInAFailover_ReadsAreMadeAgainOnFreshConnections_AndAllRecover()
    {
        var api = Host(worker: false);
        var worker = Host();
        using var client = api.CreateClient();
        using var workerClient = worker.CreateClient();
        var done = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        await client.WaitForStatusAsync(done, "completed");

        // Several idle connections in the API host's pool, each about to be dead.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var warm = await client.GetAsync("/api/session");
        }));

        // Every server process of this database ends: the pooled connections and the listeners' are all dead.
        await PostgresServer.ExecuteAsync(Database,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        var answers = new List<(string Request, HttpStatusCode Status, bool RetryAfter)>();
        for (var i = 0; i < 4; i++)
        {
            foreach (var (name, send) in new (string, Func<Task<HttpResponseMessage>>)[]
                     {
                         ("list", () => client.GetAsync("/api/session")),
                         ("session", () => client.GetAsync($"/api/session/{done}")),
                         ("results", () => client.GetAsync($"/api/session/{done}/results")),
                     })
            {
                using var response = await send();
                answers.Add((name, response.StatusCode, response.Headers.RetryAfter is not null));
            }
        }

        // Recovered: a session created through the API host is claimed and completed by the worker host.
        var after = await client.CreateSessionAsync(ApiClient.SleepCsv, Plan);
        var status = await workerClient.WaitForStatusAsync(after, "completed");

        Assert.Multiple(() =>
        {
            // Each read that borrowed a dead pooled connection was made again on a fresh one (the pool emptied at once).
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), string.Join(", ", answers));
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("completed"));
            Assert.That(api.Logs.Entries, Has.None.Matches<CapturedLogs.LogEntry>(e => e.Message.StartsWith("Unhandled exception", StringComparison.Ordinal)));
        });
        TestContext.Out.WriteLine(string.Join(", ", answers));
    }

    [Test]
    public async Task StorageQuota_UnderConcurrentCreatesOnTwoHosts_IsKept()
    {
        // Each sleep dataset stores 480 bytes: a quota of 1,000 admits two. Each create's bytes differ (blank lines more,
        // which the reader skips), so that each is a dataset of its own, not the same one stored once.
        var quota = new Dictionary<string, string?> { ["Quotas:MaxStoredBytesPerOwner"] = "1000" };
        using var a = Host(worker: false, settings: quota).CreateClient();
        using var b = Host(worker: false, settings: quota).CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? a : b).CreateMultipartAsync(ApiClient.SleepCsv + new string('\n', i), Plan);
            return response.StatusCode;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(answers.Count(s => s == HttpStatusCode.Accepted), Is.EqualTo(2));
            Assert.That(answers.Count(s => s == HttpStatusCode.RequestEntityTooLarge), Is.EqualTo(6));
        });
    }

    /// <summary>
    /// The same bytes stored by one owner through two hosts at the same moment (each creates' check finds nothing yet):
    /// exactly one dataset is made and every answer names it; a session on it from each host completes.
    /// </summary>
    [Test]
    public async Task SameDataset_StoredAtOnceThroughTwoHosts_IsStoredOnce()
    {
        var a = Host();
        var b = Host();
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).PostAsync(
                "/api/datasets", new StringContent(ApiClient.SleepCsv, System.Text.Encoding.UTF8, "text/csv"));
            return (response.StatusCode, Id: JsonNode.Parse(await response.Content.ReadAsStringAsync())!["dataset"]?["datasetId"]?.GetValue<string>());
        }));
        var id = answers[0].Id;
        var sessions = await Task.WhenAll(new[] { clientA, clientB }.Select(c => c.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":{{Plan}}}""")));
        var sessionIds = await Task.WhenAll(sessions.Select(async r => JsonNode.Parse(await r.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>()));
        foreach (var sessionId in sessionIds)
        {
            await clientA.WaitForStatusAsync(sessionId, "completed");
        }

        var stored = await PostgresServer.ScalarAsync<long>(Database, "SELECT COUNT(*) FROM datasets");
        var errors = new[] { a, b }.SelectMany(h => h.Logs.Entries).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.Message).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(answers.Count(x => x.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
            Assert.That(answers.Count(x => x.StatusCode == HttpStatusCode.OK), Is.EqualTo(7));
            Assert.That(answers.Select(x => x.Id).Distinct().ToList(), Has.Count.EqualTo(1), "every answer names the one dataset");
            Assert.That(stored, Is.EqualTo(1));
            Assert.That(sessions.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(errors, Is.Empty, "a lost race is said as such, not as a unique violation");
        });
    }
}
