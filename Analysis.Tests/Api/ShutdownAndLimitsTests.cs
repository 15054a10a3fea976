using System.Diagnostics;
using System.Net.Sockets;
using Analysis.Api.Limits;
using Analysis.Tests.Application;
using Microsoft.Extensions.Hosting;

namespace Analysis.Tests.Api;

/// <summary>
/// A stop ends what the service holds open at once and hands running sessions back after a grace period; held
/// requests and connections are capped, and past a cap the service refuses instead of failing.
/// </summary>
public sealed class ShutdownAndLimitsTests
{
    private static async Task<string> EtagOfAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/session/{id}/status");
        return response.Headers.ETag!.Tag;
    }

    private static HttpRequestMessage LongPoll(string id, string etag, int seconds = 30)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status?wait={seconds}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return request;
    }

    [Test]
    public async Task Stop_EndsEventStreamsAndAnswersLongPolls503_AtOnce()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        var etag = await EtagOfAsync(client, id);

        using var stream = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("id: "), "the stream is open and sent its first event");
        var longPoll = client.SendAsync(LongPoll(id, etag));
        await Task.Delay(200);
        Assert.That(longPoll.IsCompleted, Is.False, "the long poll is held");

        var stopwatch = Stopwatch.StartNew();
        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var answered = await longPoll.WaitAsync(TimeSpan.FromSeconds(5));
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var body = JsonNode.Parse(await answered.Content.ReadAsStringAsync())!.AsObject().WithoutTraceId();

        Assert.Multiple(() =>
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(answered.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            ApiClient.AssertJson(body, """{"success":false,"error":"The service is restarting; poll again."}""");
            Assert.That(rest, Does.Contain("retry: 1000"), "EventSource is told to reconnect soon");
        });
    }

    /// <summary>The real thing: SIGTERM to a process with an event stream and a long poll open.</summary>
    [Test]
    public async Task Sigterm_WithAStreamAndALongPollOpen_ExitsPromptlyAndCleanly()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-sigterm-").FullName;
        try
        {
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["Auth__Mode"] = "None",
                ["Analysis__WorkerEnabled"] = "false",
            });
            using var client = new HttpClient { BaseAddress = new Uri(await service.ListeningAsync()) };
            var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
            var etag = await EtagOfAsync(client, id);
            using var stream = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            Assert.That(await reader.ReadLineAsync(), Does.StartWith("id: "));
            var longPoll = client.SendAsync(LongPoll(id, etag));
            await Task.Delay(300);

            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", service.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var exitCode = await service.ExitCodeAsync();
            var elapsed = stopwatch.Elapsed;
            using var answered = await longPoll;

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero);
                Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the host did not wait out its shutdown timeout");
                Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(0, "running")]
    [TestCase(60, "completed")]
    public async Task Stop_WithARunningSession_LetsItFinishWithinTheGrace_ElseHandsItBackUncounted(int graceSeconds, string expected)
    {
        // The database outlives the first process: it is in a folder of the test's, not the factory's.
        var folder = Directory.CreateTempSubdirectory("analysis-grace-").FullName;
        var dbPath = Path.Combine(folder, "analysis.db");
        Guid id;
        var settings = new Dictionary<string, string?>
        {
            ["Analysis:WorkerConcurrency"] = "1",
            ["Analysis:ShutdownGraceSeconds"] = graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings:Analysis"] = $"Data Source={dbPath}",
        };
        var first = new ApiFactory(settings);
        try
        {
            using var client = first.CreateClient();
            var random = new Random(3);
            // Long enough (100 analyses of 500,000 rows) that a loaded machine still sees it running.
            var data = new Dataset([new NumericColumn("x", [.. Enumerable.Range(0, 500_000).Select(_ => random.NextDouble())])]);
            var session = AnalysisSession.Create(TestData.Owner, "long", data.Schema, [.. Enumerable.Range(0, 100).Select(_ => new DescriptiveSpec(["x"]))], TimeProvider.System);
            id = session.Id;
            using (var scope = first.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>().AddAsync(session, data, SessionAdmission.Unlimited, CancellationToken.None);
            }

            // Stopped while it runs: the worker has claimed it (it may not finish before the stop on a fast machine,
            // but it must have started; a stop after it finished would test nothing).
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string status;
            while ((status = (await client.GetJsonAsync($"/api/session/{id}/status"))["status"]!.GetValue<string>()) == "pending" &&
                   DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            Assert.That(status, Is.EqualTo("running"), "the stop comes while the session runs");

            first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }
        finally
        {
            // Disposing stops the host, which waits for the worker: the grace, then the hand-back saved.
            await first.DisposeAsync();
        }

        // Read by a second host, stopped before the folder is deleted (it writes the database's reserve file there at start).
        AnalysisSession after;
        await using (var reader = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["ConnectionStrings:Analysis"] = $"Data Source={dbPath}" }))
        {
            using var scope2 = reader.Services.CreateScope();
            after = (await scope2.ServiceProvider.GetRequiredService<ISessionQueue>().GetAsync(id, CancellationToken.None))!;
        }

        Assert.Multiple(() =>
        {
            Assert.That(after.Status.ToWireName(), Is.EqualTo(expected));
            if (expected == "running")
            {
                Assert.That(after.LeaseHolder, Is.Null, "handed back: claimable at once");
                Assert.That(after.Attempts, Is.Zero, "a stop is not charged as an attempt");
            }
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task HeldRequests_PastThePerOwnerLimit_Are503_AndOtherOwnersAreNotAffected()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Limits:MaxHeldRequestsPerOwner"] = "2" });
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var id = await alice.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        var bobs = await bob.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        var etag = await EtagOfAsync(alice, id);
        using var held = new CancellationTokenSource();

        var two = new[] { alice.SendAsync(LongPoll(id, etag), held.Token), alice.SendAsync(LongPoll(id, etag), held.Token) };
        await Task.Delay(300);
        using var third = await alice.SendAsync(LongPoll(id, etag));
        using var stream = await alice.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
        using var plainPoll = await alice.GetAsync($"/api/session/{id}/status");
        var bobsPoll = bob.SendAsync(LongPoll(bobs, await EtagOfAsync(bob, bobs), 1));

        Assert.Multiple(async () =>
        {
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(third.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(JsonNode.Parse(await third.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(),
                Is.EqualTo("Too many long polls and event streams open for this key's owner (at most 2)."));
            Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "streams count too");
            Assert.That(plainPoll.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a poll that is not held is not limited");
            Assert.That((await bobsPoll).StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "another owner still long-polls");
        });

        await held.CancelAsync();
        await Task.WhenAll(two.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await Task.Delay(200);
        using var afterwards = await alice.SendAsync(LongPoll(id, etag, 1));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "slots are given back when requests end");
    }

    /// <summary>
    /// Issue #18: under <c>ulimit -n 1024</c>, 900 idle connections used to end the process ("Out of memory.", no log
    /// line): the cap was the limit less 256, and the process already held about 320. Now the cap is what is free at
    /// start less a margin, so the descriptors never run out: the rest are refused (and logged), and once some close
    /// the service answers again.
    /// </summary>
    [Test]
    public async Task NineHundredIdleConnections_UnderUlimit1024_AreCappedBelowTheLimit_AndTheProcessLivesAndAnswers()
    {
        Assume.That(Directory.Exists("/proc/self/fd"), "Linux only: /proc and ulimit");
        Assume.That(DescriptorBudget.Measure()!.Value is { } own && own.SoftLimit - own.Held > 1_200, "the test itself opens 900 sockets");
        var folder = Directory.CreateTempSubdirectory("analysis-descriptors-").FullName;
        var open = new List<TcpClient>();
        try
        {
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string> { ["Auth__Mode"] = "None" }, openFileLimit: 1024);
            var address = new Uri(await service.ListeningAsync());
            var started = JsonNode.Parse(await WaitForLineAsync(service, "\"Connections: at most"))!;
            var max = started["MaxConnections"]!.GetValue<int>();
            var held = started["Held"]!.GetValue<int>();

            var reset = 0;
            for (var i = 0; i < 900; i++)
            {
                var c = new TcpClient();
                try
                {
                    await c.ConnectAsync(address.Host, address.Port);
                    open.Add(c);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Past the cap the service closes new connections at once: one may be reset while it is made.
                    c.Dispose();
                    reset++;
                }
            }

            await WaitForLineAsync(service, "Connection limit of");
            await Task.Delay(1000); // every connection accepted or refused
            var atTheLimit = Directory.GetFileSystemEntries($"/proc/{service.Process.Id}/fd").Length;
            var whileFull = await LiveAsync(address); // may be refused: a new connection while at the cap
            open.Take(100).ToList().ForEach(c => c.Dispose());
            await Task.Delay(500);
            var afterSomeClosed = await LiveAsync(address);
            await TestContext.Out.WriteLineAsync(
                $"ulimit -n 1024: {held} held at start, cap {max}; {atTheLimit} descriptors with 900 connections made ({reset} reset while made); /health/live while full: {whileFull?.ToString() ?? "refused"}, after 100 closed: {afterSomeClosed}");

            Assert.Multiple(() =>
            {
                Assert.That(started["SoftLimit"]!.GetValue<long>(), Is.EqualTo(1024));
                Assert.That(held, Is.InRange(100, 800), "measured once the server started, with its assemblies loaded");
                Assert.That(max, Is.LessThan(900).And.LessThanOrEqualTo(1024 - held - 128));
                Assert.That(reset, Is.LessThanOrEqualTo(900 - max), "only connections past the cap are refused");
                Assert.That(atTheLimit, Is.LessThanOrEqualTo(1024 - 100), "descriptors to spare at the cap");
                Assert.That(afterSomeClosed, Is.EqualTo(HttpStatusCode.OK), "once some close, new connections are served");
                Assert.That(service.Process.HasExited, Is.False, "alive");
                Assert.That(service.Lines, Has.Some.Contains($"Connection limit of {max} reached: refusing new connections"));
                Assert.That(service.Lines, Has.None.Contains("Out of memory"));
            });
        }
        finally
        {
            open.ForEach(c => c.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> WaitForLineAsync(ServiceProcess service, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (service.Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No line with {text} in:\n{string.Join('\n', service.Lines)}");
    }

    /// <summary>GET /health/live on a new connection: its status, or null when the connection is closed unanswered.</summary>
    private static async Task<HttpStatusCode?> LiveAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var live = await http.GetAsync("/health/live");
            return live.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    /// <summary>In a real process: Kestrel's connection handling is what is tested.</summary>
    [Test]
    public async Task Connections_PastTheLimit_AreClosedAndLogged_AndTheServiceGoesOn()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-connections-").FullName;
        var open = new List<TcpClient>();
        try
        {
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["Limits__MaxConnections"] = "3",
                ["Auth__Mode"] = "None",
                ["Analysis__WorkerEnabled"] = "false",
            });
            var address = new Uri(await service.ListeningAsync());
            for (var i = 0; i < 3; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync(address.Host, address.Port);
                open.Add(c);
            }

            await Task.Delay(300);
            using var refused = new TcpClient();
            var buffer = new byte[64];
            int read;
            try
            {
                await refused.ConnectAsync(address.Host, address.Port);
                var stream = refused.GetStream();
                await stream.WriteAsync("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
                read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset })
            {
                // Reset by the server — even before the connect completed here, on a busy machine: closed, as an end
                // of stream would be.
                read = 0;
            }

            open.ForEach(c => c.Dispose());
            open.Clear();
            await Task.Delay(300);
            using var http = new HttpClient { BaseAddress = address };
            using var live = await http.GetAsync("/health/live");
            await Task.Delay(300);

            Assert.Multiple(() =>
            {
                Assert.That(read, Is.Zero, "the connection over the limit is closed without an answer");
                Assert.That(service.Lines, Has.Some.Contains("Connection limit of 3 reached"));
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "once connections close, new ones are served");
                Assert.That(service.Process.HasExited, Is.False);
            });
        }
        finally
        {
            open.ForEach(c => c.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }
}
