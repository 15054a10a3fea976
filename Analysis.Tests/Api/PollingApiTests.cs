using System.Diagnostics;
using Analysis.Application.Abstractions;
using Analysis.Infrastructure.Persistence;
using Analysis.Tests.Application;

namespace Analysis.Tests.Api;

/// <summary>ETags, 304s, long polls and their wake-ups, with no background worker: the tests move sessions on.</summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class PollingApiTests(string provider) : BothDatabases(provider)
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;
    private CountingStatusReader _reads = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }, services =>
        {
            services.AddSingleton<SessionStatusReader>();
            services.AddSingleton<ISessionStatusReader>(sp => _reads = new CountingStatusReader(sp.GetRequiredService<SessionStatusReader>()));
        });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private Task<string> NewSessionAsync() => _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

    private async Task<HttpResponseMessage> GetStatusAsync(string id, string? etag = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status{query}");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return await _client.SendAsync(request);
    }

    /// <summary>Claims the session as the worker's claimer does (Start under its version), which announces the change.</summary>
    private async Task ClaimAsWorkerAsync(string id)
    {
        using var scope = _factory.Services.CreateScope();
        var repository = scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>();
        var session = (await repository.GetForUpdateAsync(Guid.Parse(id), TestData.Owner, CancellationToken.None))!;
        session.Start("test-worker", TimeSpan.FromSeconds(30), TimeProvider.System);
        await repository.SaveAsync(session, CancellationToken.None);
    }

    [Test]
    public async Task Status_Ok_HasETagNoCacheAndRetryAfterWhilePending()
    {
        var id = await NewSessionAsync();

        using var response = await GetStatusAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Does.StartWith("\"").And.EndWith("-1\""));
            Assert.That(response.Headers.ETag?.IsWeak, Is.False);
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Status_TwoNewSessions_HaveDifferentETags()
    {
        using var first = await GetStatusAsync(await NewSessionAsync());
        using var second = await GetStatusAsync(await NewSessionAsync());

        Assert.That(first.Headers.ETag!.Tag, Is.Not.EqualTo(second.Headers.ETag!.Tag));
    }

    [Test]
    public async Task Status_WithCurrentETag_Is304WithoutBodyAndWithoutTheDatabase()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        var etag = ok.Headers.ETag!.Tag;
        var readsBefore = _reads.Reads;
        Assert.That(readsBefore, Is.GreaterThan(0), "the first poll of a new session reads the database (the count works)");

        using var notModified = await GetStatusAsync(id, etag);

        Assert.Multiple(async () =>
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(notModified.Headers.ETag?.Tag, Is.EqualTo(etag));
            Assert.That(notModified.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(_reads.Reads, Is.EqualTo(readsBefore), "the 304 came from the version map");
        });
    }

    [Test]
    public async Task Status_RepeatedWithoutETag_IsServedFromMemory_UntilTheSessionChanges()
    {
        var id = await NewSessionAsync();
        using var first = await GetStatusAsync(id);
        var readsBefore = _reads.Reads;

        using var second = await GetStatusAsync(id);
        var readsAfterSecond = _reads.Reads;
        await _client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel");
        using var third = await GetStatusAsync(id);

        Assert.Multiple(async () =>
        {
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(second.Headers.ETag!.Tag, Is.EqualTo(first.Headers.ETag!.Tag));
            Assert.That(readsAfterSecond, Is.EqualTo(readsBefore), "the unchanged body came from the cache");
            Assert.That(JsonNode.Parse(await third.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(third.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        });
    }

    [Test]
    public async Task Status_WithWeakOrListedOrStarTag_Is304()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        var etag = ok.Headers.ETag!.Tag;

        foreach (var header in new[] { $"W/{etag}", $"\"other\", {etag}", "*" })
        {
            using var response = await GetStatusAsync(id, header);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), header);
        }
    }

    [Test]
    public async Task Status_AfterAChange_OldETagGets200WithANewTag()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        await _client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel");

        using var changed = await GetStatusAsync(id, ok.Headers.ETag!.Tag);

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(changed.Headers.ETag!.Tag, Is.Not.EqualTo(ok.Headers.ETag.Tag));
        Assert.That(changed.Headers.RetryAfter, Is.Null, "no Retry-After once terminal");
    }

    [Test]
    public async Task LongPoll_WhenNothingChanges_Is304AfterTheWait()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        var watch = Stopwatch.StartNew();

        using var response = await GetStatusAsync(id, ok.Headers.ETag!.Tag, "?wait=1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)));
    }

    [Test]
    public async Task LongPoll_WithStaleTag_Is200AtOnce()
    {
        var id = await NewSessionAsync();
        var watch = Stopwatch.StartNew();

        using var response = await GetStatusAsync(id, "\"stale\"", "?wait=30");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task LongPoll_WithoutIfNoneMatch_AnswersAtOnce()
    {
        var id = await NewSessionAsync();
        var watch = Stopwatch.StartNew();

        using var response = await GetStatusAsync(id, query: "?wait=30");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task LongPoll_WakesWhenAWorkerClaimsTheSession()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        var watch = Stopwatch.StartNew();

        var poll = GetStatusAsync(id, ok.Headers.ETag!.Tag, "?wait=30");
        await Task.Delay(300);
        Assert.That(poll.IsCompleted, Is.False, "the long poll is held while nothing changes");
        await ClaimAsWorkerAsync(id);
        using var response = await poll;

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "woken by the change, not by the 30 s timeout");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("running"));
            Assert.That(body["summary"]!["currentAnalysis"]!.GetValue<string>(), Is.EqualTo("descriptive"));
        });
    }

    [Test]
    public async Task LongPoll_WhenSessionDeletedMeanwhile_Is404()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);

        var poll = GetStatusAsync(id, ok.Headers.ETag!.Tag, "?wait=30");
        await Task.Delay(200);
        await _client.SendAsync(HttpMethod.Delete, $"/api/session/{id}");
        using var response = await poll;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task LongPoll_OnATerminalSessionWithItsCurrentTag_IsHeldUntilTheTimeIsUp_OrItIsDeleted()
    {
        var id = await NewSessionAsync();
        await _client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel");
        using var current = await GetStatusAsync(id);
        var etag = current.Headers.ETag!.Tag;

        var held = Stopwatch.StartNew();
        using var timedOut = await GetStatusAsync(id, etag, "?wait=1");
        var heldFor = held.Elapsed;
        var deleted = GetStatusAsync(id, etag, "?wait=30");
        await Task.Delay(300);
        var stillHeld = !deleted.IsCompleted;
        await _client.DeleteAsync($"/api/session/{id}");
        using var gone = await deleted.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(timedOut.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(heldFor, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "held, not answered at once: a client looping on ?wait= does not spin");
            Assert.That(stillHeld, Is.True);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a deletion is a change");
        });
    }

    [TestCase("61")]
    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("1.5")]
    public async Task LongPoll_WaitOutOfRange_Is400(string wait)
    {
        var id = await NewSessionAsync();

        using var response = await GetStatusAsync(id, query: $"?wait={wait}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(body["errors"], """{"wait":["Must be a whole number of seconds from 0 to 60."]}""");
    }

    [Test]
    public async Task Status_WhenVersionUnknownToTheMap_ReadsTheDatabaseAndStill304s()
    {
        var id = await NewSessionAsync();
        using var ok = await GetStatusAsync(id);
        var etag = ok.Headers.ETag!.Tag;

        // A second application instance on the same database has never seen this session.
        await using var other = new ApiFactory(new()
        {
            ["Analysis:WorkerEnabled"] = "false",
            ["ConnectionStrings:Analysis"] = _factory.ConnectionString,
        });
        using var otherClient = other.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await otherClient.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }
}
