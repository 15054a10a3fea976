using System.Text;
using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Moq;

namespace Analysis.Tests.Api;

/// <summary>Size limits, the exception handler, health, OpenAPI and unknown routes.</summary>
public sealed class OperationsApiTests
{
    private const long MaxDatasetBytes = 2000;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        var failing = new Mock<IQueryHandler<GetSessionStatusQuery, StatusAnswer>>();
        failing.Setup(h => h.HandleAsync(It.IsAny<GetSessionStatusQuery>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("SQLite Error 11: database disk image is malformed at SELECT secret FROM sessions"));
        _factory = new ApiFactory(
            new() { ["Analysis:MaxDatasetBytes"] = MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Analysis:WorkerEnabled"] = "false" },
            services => services.AddScoped(_ => failing.Object));
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static string CsvOfSize(long bytes)
    {
        var sb = new StringBuilder("x\n");
        while (sb.Length < bytes)
        {
            sb.Append("1.25\n");
        }

        return sb.ToString();
    }

    [Test]
    public async Task StatusEndpoint_WhenHandlerThrows_Is500WithoutDetailAndTraceIdMatchesLog()
    {
        using var response = await _client.GetAsync($"/api/session/{Guid.CreateVersion7()}/status");
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        var traceId = body["traceId"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(body.Select(p => p.Key), Is.EqualTo(new[] { "success", "error", "traceId" }));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("An unexpected error occurred"));
            Assert.That(text, Does.Not.Contain("SQLite").And.Not.Contain("secret").And.Not.Contain("InvalidOperation").And.Not.Contain(" at "));
            Assert.That(traceId, Is.Not.Empty);
            var logged = _factory.Logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception is InvalidOperationException).ToList();
            Assert.That(logged, Has.Count.EqualTo(1));
            Assert.That(logged[0].Properties["TraceId"], Is.EqualTo(traceId));
        });
    }

    [Test]
    public async Task Create_WhenDatasetOverLimit_Is413AndStoresNothing()
    {
        var before = await _factory.CountRowsAsync();
        using var response = await _client.CreateMultipartAsync(CsvOfSize(MaxDatasetBytes + 10), """[{"type":"descriptive"}]""");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), body);
        Assert.That(JsonNode.Parse(body)!["error"]!.GetValue<string>(), Is.EqualTo($"The dataset is larger than the limit of {MaxDatasetBytes} bytes."));
        Assert.That(await _factory.CountRowsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Create_WhenDatasetJustUnderLimit_IsAccepted()
    {
        using var response = await _client.CreateMultipartAsync(CsvOfSize(MaxDatasetBytes - 10), """[{"type":"descriptive"}]""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Create_WhenJsonCsvFieldOverLimit_Is413()
    {
        var csv = CsvOfSize(MaxDatasetBytes + 10).Replace("\n", "\\n", StringComparison.Ordinal);
        using var response = await _client.CreateJsonAsync($$"""{"csv":"{{csv}}","analyses":[{"type":"descriptive"}]}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Create_WhenContentLengthOverRequestLimit_Is413BeforeReading()
    {
        var content = new ByteArrayContent(new byte[MaxDatasetBytes + (1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/api/session", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["success"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Create_WhenChunkedFormRunsPastTheRequestLimit_Is413AndStoresNothing()
    {
        var before = await _factory.CountRowsAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent("x\n1\n2\n"), "dataset", "d.csv" },
            { new StringContent("""[{"type":"descriptive"}]"""), "analyses" },
            { new ByteArrayContent(new byte[MaxDatasetBytes + (1024 * 1024) + 10]), "attachment", "big.bin" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await response.Content.ReadAsStringAsync());
        Assert.That(await _factory.CountRowsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Create_WhenAPartIsRepeated_Is400NamingIt()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("x\n1\n2\n"), "dataset", "d.csv" },
            { new StringContent("""[{"type":"descriptive"}]"""), "analyses" },
            { new StringContent("""[{"type":"descriptive"}]"""), "analyses" },
        };

        using var response = await _client.PostAsync("/api/session", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"], """{"analyses":["Send one 'analyses' part."]}""");
    }

    [Test]
    public async Task Create_WhenJsonRepeatsAFieldOrHasTrailingContent_Is400()
    {
        using var repeated = await _client.CreateJsonAsync("""{"csv":"x\n1\n","csv":"y\n2\n","analyses":[{"type":"descriptive"}]}""");
        using var trailing = await _client.CreateJsonAsync("""{"csv":"x\n1\n","analyses":[{"type":"descriptive"}]} trailing""");

        Assert.That(repeated.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        ApiClient.AssertJson(JsonNode.Parse(await repeated.Content.ReadAsStringAsync())!["errors"], """{"csv":["The field 'csv' appears twice."]}""");
        Assert.That(trailing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task UnknownRouteAndWrongMethod_AnswerInTheEnvelope()
    {
        var (notFound, notFoundBody) = await _client.SendAsync(HttpMethod.Get, "/api/nothing-here");
        var (wrongMethod, wrongMethodBody) = await _client.SendAsync(HttpMethod.Put, "/api/session");

        Assert.Multiple(() =>
        {
            Assert.That(notFound, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(JsonNode.Parse(notFoundBody)!["error"]!.GetValue<string>(), Is.EqualTo("Not found"));
            Assert.That(wrongMethod, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(JsonNode.Parse(wrongMethodBody)!["success"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        var (live, liveBody) = await _client.SendAsync(HttpMethod.Get, "/health/live");
        var (ready, readyBody) = await _client.SendAsync(HttpMethod.Get, "/health/ready");

        Assert.Multiple(() =>
        {
            Assert.That(live, Is.EqualTo(HttpStatusCode.OK));
            // The version is the assembly's informational version, which the SDK ends with the commit it was built from.
            Assert.That(liveBody, Does.Match("""^\{"success":true,"status":"healthy","version":"\d+\.\d+\.\d+\+[0-9a-f]{40}","checks":\{\}\}$"""));
            Assert.That(ready, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonNode.Parse(readyBody)!["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        });
    }

    [Test]
    public async Task OpenApi_DescribesTheSessionEndpoints_AndTheReferencePageServes()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");
        var (page, html) = await _client.SendAsync(HttpMethod.Get, "/scalar/v1");
        var (script, _) = await _client.SendAsync(HttpMethod.Get, "/scalar/scalar.js");

        Assert.Multiple(() =>
        {
            var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
            Assert.That(paths, Is.SupersetOf(new[] { "/api/session", "/api/session/{id}/status", "/api/session/{id}", "/api/session/{id}/results", "/api/session/{id}/cancel" }));
            Assert.That(page, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("\"url\":\"openapi/v1.json\""));
            Assert.That(script, Is.EqualTo(HttpStatusCode.OK), "the reference page's script is served locally, not from a CDN");
        });
    }
}
