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
}
