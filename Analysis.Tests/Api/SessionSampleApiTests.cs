using System.Text;
using Analysis.Application.Datasets;

namespace Analysis.Tests.Api;

/// <summary>
/// <c>GET /api/session/{id}/sample</c>: the rows a chart draws (the web app's scatter, residuals and histograms) —
/// typed as the analyses read them, every row when there are few, evenly spaced ones when there are many, and a
/// 400 naming the parameter for anything else.
/// </summary>
public sealed class SessionSampleApiTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;
    private string _session = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }); // the dataset is read whatever the status
        _client = _factory.CreateClient();
        _session = await _client.CreateSessionAsync("x,g,y\n1.5,a,2\nNA,b,3\n2.5,,4\n-1e3,\" a\",5\n", """[{"type":"descriptive"}]""");
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string query)
    {
        using var response = await _client.GetAsync($"/api/session/{_session}/sample?{query}");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Test]
    public async Task FewRows_AreAllReturned_NumbersAsNumbers_TextsAsTexts_MissingAsNull_InTheOrderAsked()
    {
        var (status, body) = await GetAsync("columns=y&columns=g&columns=x");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        ApiClient.AssertJson(body, $$"""
            {"success":true,"sessionId":"{{_session}}","rows":4,"sampled":false,"columns":[
              {"type":"numeric","name":"y","values":[2,3,4,5]},
              {"type":"categorical","name":"g","values":["a","b",null," a"]},
              {"type":"numeric","name":"x","values":[1.5,null,2.5,-1000]}]}
            """);
    }

    [Test]
    public async Task ManyRows_AreSampledEvenly_ThroughTheWholeFile()
    {
        var csv = new StringBuilder("i\n");
        for (var i = 0; i < 25_000; i++)
        {
            csv.Append(i).Append('\n');
        }

        var id = await _client.CreateSessionAsync(csv.ToString(), """[{"type":"descriptive"}]""");
        using var response = await _client.GetAsync($"/api/session/{id}/sample?columns=i&limit=1000");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var values = body["columns"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["rows"]!.GetValue<int>(), Is.EqualTo(25_000));
            Assert.That(body["sampled"]!.GetValue<bool>(), Is.True);
            Assert.That(values, Has.Length.EqualTo(1000));
            Assert.That(values[0], Is.EqualTo(0), "from the first row");
            Assert.That(values[^1], Is.EqualTo(24_975), "to the last stretch of the file");
            Assert.That(values.Zip(values.Skip(1), (a, b) => b - a), Is.All.EqualTo(25), "evenly spaced, in file order");
        });
    }

    [TestCase("", "columns", "Name from 1 to 20 columns")]
    [TestCase("columns=nope", "columns", "The dataset has no column 'nope'.")]
    [TestCase("columns=x&limit=0", "limit", "Must be between 1 and 10000.")]
    [TestCase("columns=x&limit=10001", "limit", "Must be between 1 and 10000.")]
    [TestCase("columns=x&limit=many", "limit", "")]
    public async Task ABadParameter_IsA400_NamingIt(string query, string field, string message)
    {
        var (status, body) = await GetAsync(query);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["errors"]?[field]?[0]?.GetValue<string>(), Does.StartWith(message), body.ToJsonString());
        });
    }

    [Test]
    public async Task AnUnknownOrDeletedSession_IsTheUsual404()
    {
        var id = await _client.CreateSessionAsync("x\n1\n2\n", """[{"type":"descriptive"}]""");
        using var deleted = await _client.DeleteAsync($"/api/session/{id}");
        using var gone = await _client.GetAsync($"/api/session/{id}/sample?columns=x");
        using var unknown = await _client.GetAsync($"/api/session/{Guid.NewGuid()}/sample?columns=x");

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await gone.Content.ReadAsStringAsync(), Is.EqualTo("""{"success":false,"error":"Session not found"}"""));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ASample_ReservesItsValuesAndOneStoredPart_NotTheWholeColumns()
    {
        // 700,000 rows: the column is 5.6 MB, stored in two parts (4 MiB at most each). With 4.5 MiB of the budget
        // free the sample is read (its 1,000 values and one part are reserved); the whole column would not fit. That
        // only one part is held at a time is ColumnBinaryFormatTests' (the parts fetched are counted there).
        const int rows = 700_000;
        await using var factory = new ApiFactory(new()
        {
            ["Analysis:WorkerEnabled"] = "false",
            ["Analysis:MemoryBudgetBytes"] = (64 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Analysis:MemoryWaitSeconds"] = "0",
        });
        using var client = factory.CreateClient();
        var csv = new StringBuilder("i\n", (rows * 7) + 2);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(i).Append('\n');
        }

        var id = await client.CreateSessionAsync(csv.ToString(), """[{"type":"descriptive"}]""");
        var budget = factory.Services.GetRequiredService<Analysis.Application.Common.MemoryBudget>();

        double[] values;
        using (await budget.ReserveAsync(budget.TotalBytes - (9L << 19), CancellationToken.None))
        {
            using var response = await client.GetAsync($"/api/session/{id}/sample?columns=i&limit=1000");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            values = [.. body["columns"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<double>())];
        }

        using (await budget.ReserveAsync(budget.TotalBytes - (7L << 19), CancellationToken.None))
        {
            // 3.5 MiB free is less than one part: the request is refused at once (MemoryWaitSeconds = 0), not run over the budget.
            using var refused = await client.GetAsync($"/api/session/{id}/sample?columns=i&limit=1000");
            Assert.Multiple(() =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
            });
        }

        Assert.That(values, Is.EqualTo(Enumerable.Range(0, 1000).Select(k => (double)(k * 700))), "rows 0, 700, …, 699,300 from both parts");
    }

    [Test]
    public void SampleRows_TakesEveryRowWhenFew_AndEvenlySpacedOnesWhenMany()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DatasetSample.SampleRows(3, 10), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(DatasetSample.SampleRows(10, 4), Is.EqualTo(new[] { 0, 2, 5, 7 }));
            Assert.That(DatasetSample.SampleRows(0, 4), Is.Empty);
        });
    }
}
