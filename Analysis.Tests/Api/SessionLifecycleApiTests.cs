using System.Text.RegularExpressions;

namespace Analysis.Tests.Api;

/// <summary>Create, poll, read, list and delete through HTTP with the background worker running.</summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed partial class SessionLifecycleApiTests(string provider) : BothDatabases(provider)
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

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoUtc();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV7();

    [Test]
    public async Task Create_Multipart_Answers202WithLocationAndExactBody()
    {
        using var response = await _client.CreateMultipartAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "Sleep study");
        var body = await response.Content.ReadAsStringAsync();
        var id = JsonNode.Parse(body)!["sessionId"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(id, Does.Match(UuidV7()));
            Assert.That(body, Is.EqualTo($$"""{"success":true,"sessionId":"{{id}}","status":"pending","statusUrl":"/api/session/{{id}}/status"}"""));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/session/{id}/status"));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Create_Json_Answers202()
    {
        var csv = ApiClient.SleepCsv.Replace("\n", "\\n", StringComparison.Ordinal);
        using var response = await _client.CreateJsonAsync($$"""{"name":"json","csv":"{{csv}}","analyses":[{"type":"descriptive","columns":["extra"]}]}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        var details = await _client.GetJsonAsync($"/api/session/{id}");
        Assert.That(details["session"]!["dataset"]!["rows"]!.GetValue<int>(), Is.EqualTo(20));
    }

    [Test]
    public async Task Status_WhenCompleted_HasTheSummaryOfApiMd()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""", "Sleep study");

        var body = await _client.WaitForStatusAsync(id, "completed");

        var summary = body["summary"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(body.Select(p => p.Key), Is.EqualTo(new[] { "success", "status", "summary" }));
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(summary.Select(p => p.Key), Is.EqualTo(new[]
            {
                "sessionId", "name", "datasetId", "createdAt", "startedAt", "completedAt", "updatedAt", "progress",
                "currentAnalysis", "dataset", "analysesFailed", "error", "expiresAt", "highlights",
            }));
            Assert.That(summary["sessionId"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(summary["name"]!.GetValue<string>(), Is.EqualTo("Sleep study"));
            foreach (var time in new[] { "createdAt", "startedAt", "completedAt", "updatedAt" })
            {
                Assert.That(summary[time]!.GetValue<string>(), Does.Match(IsoUtc()), time);
            }

            Assert.That(summary["progress"]!.ToJsonString(), Is.EqualTo("""{"completed":1,"total":1,"percent":100}"""));
            Assert.That(summary["currentAnalysis"], Is.Null);
            Assert.That(summary["dataset"]!.ToJsonString(), Is.EqualTo("""{"rows":20,"columns":3}"""));
            Assert.That(summary["analysesFailed"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(summary["error"], Is.Null);
            Assert.That(summary["highlights"]!.ToJsonString(), Is.EqualTo("""["descriptive extra: n = 20; extra mean = 1.54, sd = 2.018"]"""));

            // Retention (30 days by default) erases it that long after it ended.
            Assert.That(
                DateTimeOffset.Parse(summary["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.Parse(summary["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddDays(30)));
        });
    }

    [Test]
    public async Task Status_WhileNotEnded_OrWithRetentionOff_HasNoExpiry()
    {
        await using var idle = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Analysis:RetentionDays"] = "0" });
        using var client = idle.CreateClient();
        var pending = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");
        var keptForever = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");
        await client.PostAsync($"/api/session/{keptForever}/cancel", null);

        var pendingSummary = (await client.GetJsonAsync($"/api/session/{pending}/status"))["summary"]!.AsObject();
        var kept = await client.GetJsonAsync($"/api/session/{keptForever}/status");

        Assert.Multiple(() =>
        {
            Assert.That(pendingSummary.ContainsKey("expiresAt") && pendingSummary["expiresAt"] is null, Is.True);
            Assert.That(kept["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(kept["summary"]!.AsObject().ContainsKey("expiresAt") && kept["summary"]!["expiresAt"] is null, Is.True);
        });
    }

    [Test]
    public async Task Results_WhenCompleted_AreTheNumbersOfR()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");
        await _client.WaitForStatusAsync(id, "completed");

        using var response = await _client.GetAsync($"/api/session/{id}/results");
        var body = await response.Content.ReadAsStringAsync();

        // R: x <- sleep$extra; length(x); mean(x); sd(x); min(x); quantile(x, c(.25,.5,.75)); max(x)
        // R prints 0.95 and -0.025; the doubles below are the nearest binary values R holds for them.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo($$$"""
            {"success":true,"sessionId":"{{{id}}}","status":"completed","results":[{"type":"descriptive","columns":{"extra":{"count":20,"missing":0,"mean":1.54,"std":2.0179197209007103,"min":-1.6,"q1":-0.025,"median":0.9500000000000001,"q3":3.4,"max":5.5}},"n":20,"nExcluded":0,"r":"sapply(d[c(\u0022extra\u0022)], function(v) c(count = sum(!is.na(v)), missing = sum(is.na(v)), mean = mean(v, na.rm = TRUE), std = sd(v, na.rm = TRUE), quantile(v, c(0, 0.25, 0.5, 0.75, 1), na.rm = TRUE, names = FALSE)))"}]}
            """));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task Details_ShowColumnsAndNormalisedPlan()
    {
        var id = await _client.CreateSessionAsync("x,g\n1,a\n2,\nNA,b\n", """[{"type":"descriptive"}]""", "d");
        var body = await _client.GetJsonAsync($"/api/session/{id}");
        var session = body["session"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(session.Select(p => p.Key), Is.EqualTo(new[]
            {
                "sessionId", "name", "datasetId", "status", "createdAt", "startedAt", "completedAt", "updatedAt", "dataset", "analyses", "error",
            }));
            Assert.That(session["dataset"]!.ToJsonString(), Is.EqualTo(
                """{"rows":3,"columns":[{"name":"x","type":"numeric","missing":1},{"name":"g","type":"categorical","missing":1}]}"""));
            Assert.That(session["analyses"]!.ToJsonString(), Is.EqualTo("""[{"type":"descriptive","columns":["x"]}]"""));
        });
    }

    [Test]
    public async Task List_IsNewestFirstAndFiltersByStatus()
    {
        var first = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "first");
        var second = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "second");
        await _client.WaitForStatusAsync(first, "completed");
        await _client.WaitForStatusAsync(second, "completed");

        var page = await _client.GetJsonAsync("/api/session?status=completed&page=1&pageSize=2");
        var ids = page["sessions"]!.AsArray().Select(s => s!["sessionId"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(page.Select(p => p.Key), Is.EqualTo(new[] { "success", "sessions", "page", "pageSize", "total" }));
            Assert.That(ids, Is.EqualTo(new[] { second, first }));
            Assert.That(page["sessions"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "sessionId", "name", "datasetId", "status", "createdAt", "updatedAt", "progress" }));
            Assert.That(page["pageSize"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(page["total"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Delete_ErasesSessionDatasetAndResults_ThenEveryEndpointSays404()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await _client.WaitForStatusAsync(id, "completed");

        var (status, body) = await _client.SendAsync(HttpMethod.Delete, $"/api/session/{id}");

        Assert.That((status, body), Is.EqualTo((HttpStatusCode.NoContent, string.Empty)));
        foreach (var (method, url) in SessionUrls(id))
        {
            Assert.That(await _client.SendAsync(method, url), Is.EqualTo((HttpStatusCode.NotFound, NotFoundBody)), $"{method} {url}");
        }

        Assert.That(await _factory.CountRowsAsync(id), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public async Task Completed_KeepsDatasetAndResultsRows()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await _client.WaitForStatusAsync(id, "completed");

        Assert.That(await _factory.CountRowsAsync(id), Is.EqualTo((1, 1, 1)));
    }

    private const string NotFoundBody = """{"success":false,"error":"Session not found"}""";

    private static IEnumerable<(HttpMethod, string)> SessionUrls(string id) =>
    [
        (HttpMethod.Get, $"/api/session/{id}/status"), (HttpMethod.Get, $"/api/session/{id}"),
        (HttpMethod.Get, $"/api/session/{id}/results"), (HttpMethod.Post, $"/api/session/{id}/cancel"),
        (HttpMethod.Delete, $"/api/session/{id}"),
    ];
}
