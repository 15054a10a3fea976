using System.Net.Http.Headers;
using Analysis.Application.Abstractions;
using Analysis.Infrastructure.Persistence;

namespace Analysis.Tests.Api;

/// <summary>
/// API keys and owners (docs/api.md, "Authentication and ownership"): every /api endpoint needs a key, and every endpoint
/// sees only its caller's sessions — another owner's is the same 404 as an unknown id, reached the same way.
/// </summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class OwnershipApiTests(string provider) : BothDatabases(provider)
{
    private const string NotFoundBody = """{"success":false,"error":"Session not found"}""";
    private const string UnauthorizedBody = """{"success":false,"error":"Authentication required"}""";

    private ApiFactory _factory = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;
    private CountingStatusReader _reads = null!;
    private string _aliceSession = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _factory = new ApiFactory(null, services =>
        {
            services.AddSingleton<SessionStatusReader>();
            services.AddSingleton<ISessionStatusReader>(sp => _reads = new CountingStatusReader(sp.GetRequiredService<SessionStatusReader>()));
        });
        _alice = _factory.CreateClient();
        _bob = _factory.CreateClientWithKey(ApiFactory.BobKey);
        _aliceSession = await _alice.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await _alice.WaitForStatusAsync(_aliceSession, "completed");
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _alice.Dispose();
        _bob.Dispose();
        _factory.Dispose();
    }

    private static IEnumerable<(HttpMethod Method, string Path)> SessionEndpoints(string id) =>
    [
        (HttpMethod.Get, $"/api/session/{id}/status"),
        (HttpMethod.Get, $"/api/session/{id}/status?wait=1"),
        (HttpMethod.Head, $"/api/session/{id}/status"),
        (HttpMethod.Get, $"/api/session/{id}"),
        (HttpMethod.Get, $"/api/session/{id}/results"),
        (HttpMethod.Get, $"/api/session/{id}/sample?columns=extra"),
        (HttpMethod.Get, $"/api/session/{id}/events"),
        (HttpMethod.Post, $"/api/session/{id}/cancel"),
        (HttpMethod.Delete, $"/api/session/{id}"),
    ];

    [Test]
    public async Task EveryApiEndpoint_WithoutAKey_Is401WithChallengeAndEnvelope()
    {
        using var anonymous = _factory.CreateAnonymousClient();
        var endpoints = SessionEndpoints(_aliceSession).Append((HttpMethod.Get, "/api/session")).Append((HttpMethod.Post, "/api/session"));

        foreach (var (method, path) in endpoints)
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(method, path));
            var body = method == HttpMethod.Head ? null : await response.Content.ReadAsStringAsync();

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path}");
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"), $"{method} {path}");
                if (body is not null)
                {
                    ApiClient.AssertJson(JsonNode.Parse(body)!.AsObject().WithoutTraceId(), UnauthorizedBody);
                }
            });
        }
    }

    [TestCase("X-Api-Key", "not-a-configured-key-000")]
    [TestCase("Authorization", "Bearer not-a-configured-key-000")]
    [TestCase("Authorization", "Basic YWxpY2U6c2VjcmV0")]
    [TestCase("X-Api-Key", "")]
    public async Task Request_WithAWrongKey_Is401(string header, string value)
    {
        using var client = _factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Request_WithABearerToken_IsTheKeysOwner()
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AliceKey);

        using var response = await client.GetAsync($"/api/session/{_aliceSession}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/scalar/v1")]
    public async Task OperationsEndpoints_NeedNoKey(string path)
    {
        using var anonymous = _factory.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EverySessionEndpoint_ForTheOwner_Answers()
    {
        foreach (var (method, path) in SessionEndpoints(_aliceSession).Where(e => e.Method != HttpMethod.Post && e.Method != HttpMethod.Delete))
        {
            using var response = await _alice.SendAsync(new HttpRequestMessage(method, path));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{method} {path}");
        }
    }

    [Test]
    public async Task EverySessionEndpoint_ForAnotherOwner_IsTheUnknownIdsExact404()
    {
        var unknown = Guid.CreateVersion7().ToString();
        foreach (var ((method, path), (_, unknownPath)) in SessionEndpoints(_aliceSession).Zip(SessionEndpoints(unknown)))
        {
            using var asBob = await _bob.SendAsync(new HttpRequestMessage(method, path));
            using var asUnknown = await _bob.SendAsync(new HttpRequestMessage(method, unknownPath));
            var bobBody = await asBob.Content.ReadAsStringAsync();

            Assert.Multiple(async () =>
            {
                Assert.That(asBob.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {path}");
                Assert.That(asUnknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {unknownPath}");
                Assert.That(bobBody, Is.EqualTo(await asUnknown.Content.ReadAsStringAsync()), $"{method} {path}");
                if (method != HttpMethod.Head)
                {
                    Assert.That(bobBody, Is.EqualTo(NotFoundBody), $"{method} {path}");
                }
            });
        }

        // Bob's cancel and delete changed nothing of Alice's.
        var status = await _alice.GetJsonAsync($"/api/session/{_aliceSession}/status");
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Status_ForAnotherOwner_TakesTheUnknownIdsPath_EvenWhenMemoryKnowsTheSession()
    {
        using var ok = await _alice.GetAsync($"/api/session/{_aliceSession}/status");
        var etag = ok.Headers.ETag!.Tag;
        using var cached = await _alice.GetAsync($"/api/session/{_aliceSession}/status");
        var readsBefore = _reads.Reads;

        using var aliceAgain = await _alice.GetAsync($"/api/session/{_aliceSession}/status");
        var readsForAlice = _reads.Reads - readsBefore;
        using var bobPlain = await _bob.GetAsync($"/api/session/{_aliceSession}/status");
        var readsForBob = _reads.Reads - readsBefore - readsForAlice;
        using var bobConditional = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{_aliceSession}/status");
        bobConditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var bobWithAlicesTag = await _bob.SendAsync(bobConditional);
        var readsBeforeUnknown = _reads.Reads;
        using var unknown = await _bob.GetAsync($"/api/session/{Guid.CreateVersion7()}/status");

        Assert.Multiple(() =>
        {
            Assert.That(readsForAlice, Is.Zero, "the owner is answered from memory");
            Assert.That(bobPlain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(bobWithAlicesTag.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not a 304 that would confirm the tag");
            Assert.That(bobWithAlicesTag.Headers.ETag, Is.Null);
            Assert.That(readsForBob, Is.EqualTo(1), "another owner goes to the database, as an unknown id does");
            Assert.That(_reads.Reads - readsBeforeUnknown, Is.EqualTo(1), "an unknown id: one database read");
        });
    }

    [Test]
    public async Task List_ShowsOnlyTheCallersSessions()
    {
        var bobs = await _bob.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        var aliceList = await _alice.GetJsonAsync("/api/session?pageSize=100");
        var bobList = await _bob.GetJsonAsync("/api/session?pageSize=100");

        var aliceIds = aliceList["sessions"]!.AsArray().Select(s => s!["sessionId"]!.GetValue<string>()).ToList();
        var bobIds = bobList["sessions"]!.AsArray().Select(s => s!["sessionId"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(aliceIds, Does.Contain(_aliceSession).And.Not.Contain(bobs));
            Assert.That(bobIds, Is.EqualTo(new[] { bobs }));
            Assert.That(bobList["total"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Delete_ByTheOwner_Erases_AndAnotherOwnersDeleteOfItChangesNothing()
    {
        var id = await _alice.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        using var bobDelete = await _bob.DeleteAsync($"/api/session/{id}");
        using var stillThere = await _alice.GetAsync($"/api/session/{id}");
        using var aliceDelete = await _alice.DeleteAsync($"/api/session/{id}");
        using var gone = await _alice.GetAsync($"/api/session/{id}/status");

        Assert.Multiple(() =>
        {
            Assert.That(bobDelete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(stillThere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(aliceDelete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task AuthenticationOff_EveryCallerIsTheOneAnonymousOwner_AndAWarningSaysSo()
    {
        await using var factory = new ApiFactory(new() { ["Auth:Mode"] = "None", ["Analysis:WorkerEnabled"] = "false" });
        using var anonymous = factory.CreateAnonymousClient();
        using var withSomeKey = factory.CreateClientWithKey("whatever-key-anyone-sends");

        var id = await anonymous.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        using var seenByOther = await withSomeKey.GetAsync($"/api/session/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(seenByOther.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(factory.Logs.Entries, Has.Some.Matches<CapturedLogs.LogEntry>(e =>
                e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.StartsWith("Authentication is off", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task FirstRunInDevelopment_MakesAKeyOnce_KeepsItInTheDataFolder_AndAnnouncesTheWebAppLink()
    {
        // On SQLite the key is kept beside the database file; PostgreSQL has no such folder, so there it is configured.
        var configuredFolder = Provider == Providers.Postgres ? Directory.CreateTempSubdirectory("analysis-devkey-").FullName : null;
        try
        {
            await using var first = new ApiFactory(
                configuredFolder is null ? [] : new() { ["Auth:DevelopmentKeyFile"] = Path.Combine(configuredFolder, "api-key") },
                environment: "Development",
                configureKeys: false);
            var keyFile = Path.Combine(configuredFolder ?? first.TempDirectory, "api-key");
            using var _ = first.CreateAnonymousClient();
            var firstKey = (await File.ReadAllTextAsync(keyFile)).Trim();
            using var withKey = first.CreateClientWithKey(firstKey);
            using var without = first.CreateAnonymousClient();

            using var ok = await withKey.GetAsync("/api/session");
            using var refused = await without.GetAsync("/api/session");
            var notice = first.Logs.Entries.Single(e => e.Category.EndsWith("DevelopmentKeyNotice", StringComparison.Ordinal));

            Assert.Multiple(() =>
            {
                Assert.That(firstKey, Has.Length.GreaterThanOrEqualTo(40));
                Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                Assert.That(notice.Properties["WebAppUrl"]?.ToString(), Does.EndWith($"/#key={firstKey}"));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }
            });

            // A second start in the same folder keeps the key.
            await using var second = new ApiFactory(
                new() { ["Auth:DevelopmentKeyFile"] = keyFile }, environment: "Development", configureKeys: false);
            using var again = second.CreateClientWithKey(firstKey);
            using var stillOk = await again.GetAsync("/api/session");
            Assert.That(stillOk.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            if (configuredFolder is not null)
            {
                Directory.Delete(configuredFolder, recursive: true);
            }
        }
    }
}
