using System.Net.Http.Headers;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// Validation, 404s, 409s and cancellation with no worker running, so sessions stay pending where a test needs it.
/// </summary>
public sealed class SessionRequestsApiTests
{
    private const string NotFound = """{"success":false,"error":"Session not found"}""";
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static JsonObject Parse(string body) => JsonNode.Parse(body)!.AsObject();

    private async Task<(HttpStatusCode Status, JsonObject Body)> RejectedCreateAsync(Func<Task<HttpResponseMessage>> send)
    {
        var before = await _factory.CountRowsAsync();
        using var response = await send();
        var body = Parse(await response.Content.ReadAsStringAsync());
        Assert.That(await _factory.CountRowsAsync(), Is.EqualTo(before), "a rejected create stores nothing");
        Assert.That(body["success"]!.GetValue<bool>(), Is.False);
        return (response.StatusCode, body);
    }

    [TestCase("00000000-0000-0000-0000-000000000000")]
    [TestCase("0193a5b2-7c1e-7d3f-9a2b-123456789abc")]
    [TestCase("not-a-uuid")]
    [TestCase("12345")]
    [TestCase("0193a5b27c1e7d3f9a2b123456789abc")]
    public async Task EveryEndpoint_WhenIdUnknownOrMalformed_Is404WithTheSameBody(string id)
    {
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, $"/api/session/{id}/status"), (HttpMethod.Get, $"/api/session/{id}"),
                     (HttpMethod.Get, $"/api/session/{id}/results"), (HttpMethod.Post, $"/api/session/{id}/cancel"),
                     (HttpMethod.Delete, $"/api/session/{id}"),
                 })
        {
            Assert.That(await _client.SendAsync(method, url), Is.EqualTo((HttpStatusCode.NotFound, NotFound)), $"{method} {url}");
        }
    }

    [Test]
    public async Task Results_WhenPending_Is409WithStatus()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        Assert.That(await _client.SendAsync(HttpMethod.Get, $"/api/session/{id}/results"), Is.EqualTo((HttpStatusCode.Conflict,
            """{"success":false,"error":"Results are not available: the session is pending","status":"pending"}""")));
    }

    [Test]
    public async Task Status_WhenPending_ShowsZeroProgressAndNoHighlights()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"},{"type":"descriptive"}]""");

        var body = await _client.GetJsonAsync($"/api/session/{id}/status");

        Assert.Multiple(() =>
        {
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(body["summary"]!["progress"]!.ToJsonString(), Is.EqualTo("""{"completed":0,"total":2,"percent":0}"""));
            Assert.That(body["summary"]!["startedAt"], Is.Null);
            Assert.That(body["summary"]!["currentAnalysis"], Is.Null);
            Assert.That(body["summary"]!.AsObject().ContainsKey("highlights"), Is.False);
        });
    }

    [Test]
    public async Task Cancel_WhenPending_Is200ThenAgainIs409()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        Assert.That(await _client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel"),
            Is.EqualTo((HttpStatusCode.OK, """{"success":true,"status":"cancelled"}""")));
        Assert.That(await _client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel"),
            Is.EqualTo((HttpStatusCode.Conflict, """{"success":false,"error":"Session is already cancelled","status":"cancelled"}""")));
        Assert.That((await _client.GetJsonAsync($"/api/session/{id}/status"))["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Create_WhenPlanInvalid_Is400NamingEachPathAndStoresNothing()
    {
        var (status, body) = await RejectedCreateAsync(() => _client.CreateMultipartAsync(ApiClient.SleepCsv, """
            [{"type":"descriptive","columns":["extra","nope"]},{"type":"regression","dependent":"extra","independents":["ID","zz"]},{"type":"ttest","column":"extra","groupBy":"grp"}]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            ApiClient.AssertJson(body["errors"], """{"analyses[0].columns[1]":["Column 'nope' does not exist."],"analyses[1].independents[1]":["Column 'zz' does not exist."],"analyses[2].groupBy":["Column 'grp' does not exist."]}""");
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Invalid request: analyses[0].columns[1]: Column 'nope' does not exist. (and 2 more problems)"));
            Assert.That(body["traceId"]!.GetValue<string>(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Create_WhenCsvRagged_Is400NamingTheLine()
    {
        var (status, body) = await RejectedCreateAsync(() => _client.CreateMultipartAsync("x,y\n1,2\n3\n", """[{"type":"descriptive"}]"""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(body["errors"], """{"dataset":["Line 3: 1 field, but the header has 2."]}""");
    }

    [Test]
    public async Task Create_WhenAnalysesPartIsNotJson_Is400()
    {
        var (status, body) = await RejectedCreateAsync(() => _client.CreateMultipartAsync(ApiClient.SleepCsv, "[{type:"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["errors"]!["analyses"]![0]!.GetValue<string>(), Does.StartWith("Not valid JSON"));
    }

    [Test]
    public async Task Create_WhenPartsMissing_Is400ForEach()
    {
        var (status, body) = await RejectedCreateAsync(() => _client.PostAsync("/api/session", new MultipartFormDataContent { { new StringContent("x"), "name" } }));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(body["errors"], """{"dataset":["Required: the CSV dataset (or 'datasetId', a stored dataset's id)."],"datasetId":["Required: a stored dataset's id (or 'dataset', the CSV dataset)."],"analyses":["Required: a JSON array of analysis specs."]}""");
    }

    [Test]
    public async Task Create_WhenJsonBodyMalformedOrHasUnknownField_Is400()
    {
        var (malformed, malformedBody) = await RejectedCreateAsync(() => _client.CreateJsonAsync("""{"csv": "x\n1\n", "analyses": ["""));
        var (unknown, unknownBody) = await RejectedCreateAsync(() => _client.CreateJsonAsync("""{"csv":"x\n1\n","analyses":[{"type":"descriptive"}],"data":1}"""));

        Assert.Multiple(() =>
        {
            Assert.That(malformed, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformedBody["errors"]!["body"]![0]!.GetValue<string>(), Does.StartWith("The body is not valid JSON"));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.BadRequest));
            ApiClient.AssertJson(unknownBody["errors"], """{"data":["Unknown field 'data'."]}""");
        });
    }

    [Test]
    public async Task Create_WhenContentTypeUnsupported_Is415()
    {
        var (status, body) = await RejectedCreateAsync(() => _client.PostAsync("/api/session", new StringContent("x\n1\n", Encoding.UTF8, "text/csv")));

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(body["error"]!.GetValue<string>(), Does.Contain("multipart/form-data").And.Contain("application/json"));
    }

    [TestCase("pageSize=0", "pageSize", "Must be between 1 and 100.")]
    [TestCase("pageSize=101", "pageSize", "Must be between 1 and 100.")]
    [TestCase("page=0", "page", "Must be between 1 and 1000000.")]
    [TestCase("page=2147483647&pageSize=100", "page", "Must be between 1 and 1000000.")]
    [TestCase("status=done", "status", "Must be one of pending, running, completed, failed, cancelled.")]
    public async Task List_WhenParameterOutOfRange_Is400NamingIt(string query, string field, string message)
    {
        var (status, body) = await _client.SendAsync(HttpMethod.Get, $"/api/session?{query}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(Parse(body)["errors"], new JsonObject { [field] = new JsonArray(message) }.ToJsonString());
    }

    [Test]
    public async Task List_WhenParameterNotANumber_Is400InTheEnvelope()
    {
        var (status, body) = await _client.SendAsync(HttpMethod.Get, "/api/session?page=abc");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Parse(body)["success"]!.GetValue<bool>(), Is.False);
        Assert.That(Parse(body)["errors"]!.AsObject().ContainsKey("page"), Is.True);
    }

    [Test]
    public async Task List_PagesAreDisjointAndTotalCountsAll()
    {
        for (var i = 0; i < 3; i++)
        {
            await _client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", $"page-{i}");
        }

        var first = await _client.GetJsonAsync("/api/session?pageSize=2&page=1");
        var second = await _client.GetJsonAsync("/api/session?pageSize=2&page=2");
        var ids = first["sessions"]!.AsArray().Concat(second["sessions"]!.AsArray()).Select(s => s!["sessionId"]!.GetValue<string>()).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(first["total"]!.GetValue<int>(), Is.EqualTo(second["total"]!.GetValue<int>()).And.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Create_WithUtf8BomAndSemicolons_Works()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a;b\n1;x\n2;y\n")]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "dataset", "d.csv");
        form.Add(new StringContent("""[{"type":"descriptive"}]"""), "analyses");

        using var response = await _client.PostAsync("/api/session", form);
        var id = Parse(await response.Content.ReadAsStringAsync())["sessionId"]!.GetValue<string>();
        var details = await _client.GetJsonAsync($"/api/session/{id}");

        Assert.That(details["session"]!["dataset"]!["columns"]!.ToJsonString(), Is.EqualTo(
            """[{"name":"a","type":"numeric","missing":0},{"name":"b","type":"categorical","missing":0}]"""));
    }
}
