using System.Net.Http.Headers;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>Per-owner limits on creating and storing, and <c>Idempotency-Key</c> (docs/api.md, "Authentication and ownership").</summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class QuotaAndIdempotencyApiTests(string provider) : BothDatabases(provider)
{
    private const string Plan = """[{"type":"descriptive"}]""";

    private static HttpRequestMessage Create(string csv, string? key, string? name = "n")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "dataset", "data.csv" },
            { new StringContent(Plan), "analyses" },
        };
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = form };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Test]
    public async Task Creates_PastThePerOwnerRate_Are429SayingWhichLimit_AndOtherOwnersGoOn()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Quotas:CreatesPerMinute"] = "3" });
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await alice.CreateMultipartAsync(ApiClient.SleepCsv, Plan);
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject().WithoutTraceId();
                ApiClient.AssertJson(body, """{"success":false,"error":"Too many sessions created: at most 3 a minute for this key's owner."}""");
                Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            }
        }

        using var bobs = await bob.CreateMultipartAsync(ApiClient.SleepCsv, Plan);

        Assert.Multiple(async () =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests }));
            Assert.That(bobs.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That((await factory.CountRowsAsync()).Sessions, Is.EqualTo(4));
        });
    }

    [Test]
    public void CreatesQuota_RefillsOneCreateAtATime_NotAMinutesWorthAtOnce()
    {
        var options = Analysis.Api.RateLimiting.ApiRateLimiting.CreatesBucket(60, autoReplenishment: false);
        using var bucket = new System.Threading.RateLimiting.TokenBucketRateLimiter(options);

        var granted = Enumerable.Range(0, 61).Count(_ => bucket.AttemptAcquire().IsAcquired);
        var emptied = System.Diagnostics.Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(1.2)); // the bucket refills by the time elapsed, replenished by hand here
        var afterOneSecond = bucket.TryReplenish() ? Enumerable.Range(0, 60).Count(_ => bucket.AttemptAcquire().IsAcquired) : -1;
        var seconds = emptied.Elapsed.TotalSeconds;

        Assert.Multiple(() =>
        {
            Assert.That(options.ReplenishmentPeriod, Is.EqualTo(TimeSpan.FromSeconds(1)), "a create back every second at 60 a minute");
            Assert.That(granted, Is.EqualTo(60));
            Assert.That(afterOneSecond, Is.InRange(1, (int)Math.Ceiling(seconds)), "a second gives back one create, not sixty");
        });
    }

    [Test]
    public async Task Store_PastTheOwnersQuota_Is413SayingWhy_AndStoresNothing()
    {
        // The sleep data stores 20 × 8 bytes per numeric column plus the group codes: a few hundred bytes.
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Quotas:MaxStoredBytesPerOwner"] = "700" });
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);

        using var first = await alice.CreateMultipartAsync(ApiClient.SleepCsv, Plan);
        var before = await factory.CountRowsAsync();
        var otherBytes = ApiClient.SleepCsv + "\n"; // the same data in other bytes (a blank line more): another dataset
        using var second = await alice.CreateMultipartAsync(otherBytes, Plan);
        var text = await second.Content.ReadAsStringAsync();
        var after = await factory.CountRowsAsync();

        // The same bytes again are the dataset already stored: counted once, so within the quota.
        using var reuse = await alice.CreateMultipartAsync(ApiClient.SleepCsv, Plan);
        var afterReuse = await factory.CountRowsAsync();
        using var bobs = await bob.CreateMultipartAsync(ApiClient.SleepCsv, Plan);

        // Deleting the dataset's sessions erases it (an inline upload's), and makes room again.
        await alice.DeleteAsync($"/api/session/{JsonNode.Parse(await first.Content.ReadAsStringAsync())!["sessionId"]}");
        await alice.DeleteAsync($"/api/session/{JsonNode.Parse(await reuse.Content.ReadAsStringAsync())!["sessionId"]}");
        using var third = await alice.CreateMultipartAsync(otherBytes, Plan);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(JsonNode.Parse(text)!["error"]!.GetValue<string>(), Does.StartWith("Storage quota exceeded: this key's owner stores ").And.Contain("past the limit of 700"));
            Assert.That(after, Is.EqualTo(before), "nothing stored");
            Assert.That(reuse.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the same bytes: the stored dataset, counted once");
            Assert.That((afterReuse.Sessions, afterReuse.Datasets), Is.EqualTo((before.Sessions + 1, before.Datasets)), "a session more, no dataset more");
            Assert.That(bobs.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the quota is per owner");
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        });
    }

    [Test]
    public async Task Repeat_WithTheSameKeyAndRequest_IsTheSameSession_AndStoresNothingNew()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        var (firstStatus, first) = await SendAsync(client, Create(ApiClient.SleepCsv, "order-42"));
        var stored = await factory.CountRowsAsync();
        // The same request again: a new multipart boundary, the same content.
        var (againStatus, again) = await SendAsync(client, Create(ApiClient.SleepCsv, "order-42"));
        var storedAfter = await factory.CountRowsAsync();

        Assert.Multiple(() =>
        {
            Assert.That((firstStatus, againStatus), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted)));
            Assert.That(again.ToJsonString(), Is.EqualTo(first.ToJsonString()), "answered as the first was");
            Assert.That(storedAfter, Is.EqualTo(stored));
        });
    }

    [Test]
    public async Task Repeat_WithTheSameKeyAndADifferentRequest_Is422()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        await SendAsync(client, Create(ApiClient.SleepCsv, "k1"));
        var stored = await factory.CountRowsAsync();

        var (status, body) = await SendAsync(client, Create(ApiClient.SleepCsv, "k1", name: "another name"));

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            ApiClient.AssertJson(body.WithoutTraceId(), """{"success":false,"error":"Idempotency-Key reused with a different request"}""");
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo(stored));
        });
    }

    [Test]
    public async Task Key_IsPerOwner_AndForgottenAfterADay()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }, services => services.AddSingleton<TimeProvider>(time));
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);

        var (_, alices) = await SendAsync(alice, Create(ApiClient.SleepCsv, "shared"));
        var (bobStatus, bobs) = await SendAsync(bob, Create(ApiClient.SleepCsv, "shared"));
        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var (laterStatus, later) = await SendAsync(alice, Create(ApiClient.SleepCsv, "shared"));

        Assert.Multiple(() =>
        {
            Assert.That(bobStatus, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(bobs["sessionId"]!.GetValue<string>(), Is.Not.EqualTo(alices["sessionId"]!.GetValue<string>()));
            Assert.That(laterStatus, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(later["sessionId"]!.GetValue<string>(), Is.Not.EqualTo(alices["sessionId"]!.GetValue<string>()), "a day later the key is new");
        });
    }

    [Test]
    public async Task Repeats_SentAtOnce_StoreOneSession()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(client, Create(ApiClient.SleepCsv, "at-once"))));

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(answers.Select(a => a.Body["sessionId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
            Assert.That((await factory.CountRowsAsync()).Sessions, Is.EqualTo(1));
            // A lost race is an answer, not a fault: no ERROR line from EF or us for anyone alerting on them.
            Assert.That(factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"), Is.Empty);
        });
    }

    [Test]
    public async Task Repeat_AfterTheSessionCompleted_AnswersItsCurrentStatus()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var (_, first) = await SendAsync(client, Create(ApiClient.SleepCsv, "then-done"));
        var id = first["sessionId"]!.GetValue<string>();
        await client.WaitForStatusAsync(id, "completed");

        var (status, again) = await SendAsync(client, Create(ApiClient.SleepCsv, "then-done"));

        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(again["sessionId"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(again["status"]!.GetValue<string>(), Is.EqualTo("completed"), "the session's status now, not the first answer's");
        });
    }

    [Test]
    public async Task Repeat_AfterTheSessionWasDeleted_CreatesANewOne()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var (_, first) = await SendAsync(client, Create(ApiClient.SleepCsv, "then-deleted"));
        var id = first["sessionId"]!.GetValue<string>();
        using var deleted = await client.DeleteAsync($"/api/session/{id}");

        var (status, again) = await SendAsync(client, Create(ApiClient.SleepCsv, "then-deleted"));

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.IsSuccessStatusCode, Is.True);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(again["sessionId"]!.GetValue<string>(), Is.Not.EqualTo(id), "the key went with the session it created");
            Assert.That((await factory.CountRowsAsync()).Sessions, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TwoKeyHeaders_Are400_NotJoinedIntoOneKey()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var request = Create(ApiClient.SleepCsv, "first");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "second");

        var (status, body) = await SendAsync(client, request);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            ApiClient.AssertJson(body["errors"], """{"Idempotency-Key":["Send one Idempotency-Key header, not 2."]}""");
            Assert.That((await factory.CountRowsAsync()).Sessions, Is.Zero);
        });
    }

    [TestCase("tab\there")]
    [TestCase("é")]
    public async Task Key_ThatIsNotPrintableAscii_Is400NamingTheHeader(string key)
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var request = Create(ApiClient.SleepCsv, null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var (status, body) = await SendAsync(client, request);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(body["errors"], """{"Idempotency-Key":["1 to 200 printable ASCII characters."]}""");
    }

    [Test]
    public async Task Key_OfTwoHundredAndOneCharacters_Is400()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        var (ok, _) = await SendAsync(client, Create(ApiClient.SleepCsv, new string('k', 200)));
        var (tooLong, _) = await SendAsync(client, Create(ApiClient.SleepCsv, new string('k', 201)));

        Assert.That((ok, tooLong), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.BadRequest)));
    }

    [Test]
    public void JsonForm_WithAKey_WorksToo() => Assert.DoesNotThrowAsync(async () =>
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        HttpRequestMessage Json() => new(HttpMethod.Post, "/api/session")
        {
            Content = new StringContent("""{"csv":"x\n1\n2\n","analyses":[{"type":"descriptive"}]}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            Headers = { { "Idempotency-Key", "json-1" } },
        };

        var (s1, b1) = await SendAsync(client, Json());
        var (s2, b2) = await SendAsync(client, Json());

        Assert.That((s1, s2, b2["sessionId"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted, b1["sessionId"]!.GetValue<string>())));
    });
}
