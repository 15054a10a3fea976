using System.Text;
using Analysis.Application.Abstractions;

namespace Analysis.Tests.Api;

/// <summary>What every response carries and leaves out, safe JSON escaping, and HEAD on every GET endpoint.</summary>
public sealed class SecurityHeadersApiTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase("/health/live", HttpStatusCode.OK)]
    [TestCase("/api/session", HttpStatusCode.OK)]
    [TestCase("/api/session/not-an-id/status", HttpStatusCode.NotFound)]
    [TestCase("/no/such/route", HttpStatusCode.NotFound)]
    public async Task EveryResponse_HasNosniffAndAPolicy_AndNoServerBanner(string path, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.Contains("Server"), Is.False);
        });
    }

    [Test]
    public async Task Unauthorized_HasTheSameHeaders()
    {
        using var anonymous = _factory.CreateAnonymousClient();

        using var response = await anonymous.GetAsync("/api/session");

        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    [Test]
    public async Task Name_WithMarkup_ComesBackEscaped_AndStillReadsTheSame()
    {
        const string name = "<script>alert('x')</script> & ünïcödé";
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""", name);

        using var response = await _client.GetAsync($"/api/session/{id}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("<script>").And.Not.Contain("'x'").And.Not.Contain("& "));
            Assert.That(text, Does.Contain("\\u003Cscript\\u003E").And.Contain("ünïcödé"));
            Assert.That(JsonNode.Parse(text)!["session"]!["name"]!.GetValue<string>(), Is.EqualTo(name));
        });
    }

    [Test]
    public async Task Head_OnEveryGetEndpoint_AnswersAsGetWithoutABody()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");
        await _client.WaitForStatusAsync(id, "completed");

        foreach (var path in new[] { $"/api/session/{id}/status", $"/api/session/{id}", $"/api/session/{id}/results", "/api/session", "/health/live" })
        {
            using var get = await _client.GetAsync(path);
            using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.Multiple(async () =>
            {
                Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), path);
                Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty, path);
                Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag), path);
                Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType), path);
            });
        }
    }

    /// <summary>
    /// Every status the API answers with, each made the way a caller meets it — errors the exception handler writes
    /// included (it used to clear the headers with the response): 500 and 503 from a list read made to fail.
    /// </summary>
    [Test]
    public async Task EveryStatusTheApiAnswers_CarriesTheSecurityHeaders()
    {
        await using var factory = new ApiFactory(new()
        {
            ["Quotas:CreatesPerMinute"] = "10",
            ["Analysis:MaxDatasetBytes"] = "20000",
        }, services => services.AddScoped<ISessionQueries>(sp => new FailingLists(ActivatorUtilities.CreateInstance<Analysis.Infrastructure.Persistence.SessionQueries>(sp))));
        using var client = factory.CreateClient();
        using var anonymous = factory.CreateAnonymousClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");
        await client.WaitForStatusAsync(id, "completed");
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/session")
        {
            Content = new StringContent("""{"csv":"x\n1\n2\n","analyses":[{"type":"descriptive"}]}""", Encoding.UTF8, "application/json"),
        };
        first.Headers.Add("Idempotency-Key", "headers-1");
        using var created = await client.SendAsync(first);
        using var conflicting = new HttpRequestMessage(HttpMethod.Post, "/api/session")
        {
            Content = new StringContent("""{"csv":"x\n1\n3\n","analyses":[{"type":"descriptive"}]}""", Encoding.UTF8, "application/json"),
        };
        conflicting.Headers.Add("Idempotency-Key", "headers-1");
        using var status = await client.GetAsync($"/api/session/{id}/status");
        using var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status");
        notModified.Headers.IfNoneMatch.Add(status.Headers.ETag!);

        var answers = new List<(string What, HttpResponseMessage Response, HttpStatusCode Expected)>
        {
            ("status", status, HttpStatusCode.OK),
            ("create", created, HttpStatusCode.Accepted),
            ("304", await client.SendAsync(notModified), HttpStatusCode.NotModified),
            ("plan", await client.CreateMultipartAsync("x\n1\n", """[{"type":"nope"}]"""), HttpStatusCode.BadRequest),
            ("page=0", await client.GetAsync("/api/session?page=0"), HttpStatusCode.BadRequest),
            ("wait=99", await client.GetAsync($"/api/session/{id}/status?wait=99"), HttpStatusCode.BadRequest),
            ("401", await anonymous.GetAsync("/api/session"), HttpStatusCode.Unauthorized),
            ("404", await client.GetAsync($"/api/session/{Guid.CreateVersion7()}/status"), HttpStatusCode.NotFound),
            ("405", await client.PutAsync($"/api/session/{id}", new StringContent("{}")), HttpStatusCode.MethodNotAllowed),
            ("413", await client.CreateMultipartAsync("x\n" + new string('1', 30_000) + "\n", """[{"type":"descriptive"}]"""), HttpStatusCode.RequestEntityTooLarge),
            ("415", await client.PostAsync("/api/session", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType),
            ("422", await client.SendAsync(conflicting), HttpStatusCode.UnprocessableEntity),
            ("429", await CreateUntilRefusedAsync(client), HttpStatusCode.TooManyRequests),
            ("500", await client.GetAsync($"/api/session?pageSize={FailingLists.Fault}"), HttpStatusCode.InternalServerError),
            ("503", await client.GetAsync($"/api/session?pageSize={FailingLists.Busy}"), HttpStatusCode.ServiceUnavailable),
        };

        foreach (var (what, response, expected) in answers)
        {
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(expected), what);
                Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) ? nosniff : [], Is.EqualTo(new[] { "nosniff" }), what);
                Assert.That(response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(';', csp) : string.Empty, Does.Contain("default-src 'none'"), what);
                Assert.That(response.Headers.TryGetValues("Referrer-Policy", out var referrer) ? referrer : [], Is.EqualTo(new[] { "no-referrer" }), what);
            });
            response.Dispose();
        }
    }

    /// <summary>Bad creates count against the quota too: creates until one is refused, within the quota's count.</summary>
    private static async Task<HttpResponseMessage> CreateUntilRefusedAsync(HttpClient client)
    {
        for (var i = 0; i < 10; i++)
        {
            var response = await client.CreateMultipartAsync("x\n1\n2\n", """[{"type":"nope"}]""");
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                return response;
            }

            response.Dispose();
        }

        return await client.CreateMultipartAsync("x\n1\n2\n", """[{"type":"nope"}]""");
    }

    /// <summary>The real list read, but for two page sizes: one fails as a bug would, one as a busy database.</summary>
    private sealed class FailingLists(ISessionQueries inner) : ISessionQueries
    {
        public const int Fault = 41;
        public const int Busy = 42;

        public Task<AnalysisSession?> GetByIdAsync(Guid id, string owner, CancellationToken cancellationToken) => inner.GetByIdAsync(id, owner, cancellationToken);

        public Task<SessionPage> ListAsync(string owner, SessionStatus? status, Guid? datasetId, int page, int pageSize, CancellationToken cancellationToken) => pageSize switch
        {
            Fault => throw new InvalidOperationException("a fault the handler must not show"),
            Busy => throw new StorageBusyException("The database is busy."),
            _ => inner.ListAsync(owner, status, datasetId, page, pageSize, cancellationToken),
        };

        public Task<string?> GetResultsJsonAsync(Guid id, string owner, CancellationToken cancellationToken) => inner.GetResultsJsonAsync(id, owner, cancellationToken);

        public Task<IdempotentCreate?> FindIdempotentCreateAsync(string owner, string key, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.FindIdempotentCreateAsync(owner, key, since, cancellationToken);
    }
}
