using System.Text;
using System.Text.Json;
using Analysis.Application.Common;

namespace Analysis.Tests.Api;

/// <summary>Uploads within the memory budget: refused (not OOM) when it is spent; one copy of a large JSON body.</summary>
public sealed class MemoryApiTests
{
    [Test]
    public async Task Create_WhenTheMemoryBudgetIsSpent_Is503WithRetryAfter_AndStoresNothing()
    {
        await using var factory = new ApiFactory(new()
        {
            ["Analysis:WorkerEnabled"] = "false",
            ["Analysis:MemoryBudgetBytes"] = (64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Analysis:MemoryWaitSeconds"] = "1",
            ["Analysis:DatasetHandoffBytes"] = "0", // else the accepted dataset would stay reserved, held for a worker
        });
        using var client = factory.CreateClient();
        var budget = factory.Services.GetRequiredService<MemoryBudget>();

        HttpStatusCode refused;
        string? retryAfter;
        string message;
        using (await budget.ReserveAsync(budget.TotalBytes, CancellationToken.None))
        {
            using var response = await client.CreateMultipartAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
            refused = response.StatusCode;
            retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        }

        using var later = await client.CreateMultipartAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        Assert.Multiple(async () =>
        {
            Assert.That(refused, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(retryAfter, Is.EqualTo("5"));
            Assert.That(message, Does.StartWith("The service is reading as many large requests as its memory allows"));
            Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "once memory is free again");
            Assert.That((await factory.CountRowsAsync()).Sessions, Is.EqualTo(1));
            Assert.That(budget.ReservedBytes, Is.Zero, "every reservation was given back");
        });
    }

    /// <summary>
    /// Each of these needs the whole budget to be parsed: they must take turns, not hold a share each and wait for
    /// one another until every one is refused.
    /// </summary>
    [Test]
    public async Task Creates_ThatEachNeedTheWholeBudget_TakeTurns_AndAllSucceed()
    {
        await using var factory = new ApiFactory(new()
        {
            ["Analysis:WorkerEnabled"] = "false",
            ["Analysis:MemoryBudgetBytes"] = (64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Analysis:MemoryWaitSeconds"] = "60",
            ["Analysis:DatasetHandoffBytes"] = "0",
        });
        using var client = factory.CreateClient();
        var csv = "a,b,c,d,e,f,g,h\n" + string.Concat(Enumerable.Repeat("1,2,3,4,5,6,7,8\n", 1_100_000)); // 8.8 M cells: 70 MB parsed

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await client.CreateMultipartAsync(csv, """[{"type":"descriptive","columns":["a"]}]""");
            return response.StatusCode;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(factory.Services.GetRequiredService<MemoryBudget>().ReservedBytes, Is.Zero);
        });
    }

    [Test]
    public async Task Datasets_HandedToAndLoadedByWorkers_AreGivenBackWhenTheRunEnds()
    {
        await using var working = new ApiFactory();
        using var client = working.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        await client.WaitForStatusAsync(id, "completed");
        await Task.Delay(200);

        Assert.That(working.Services.GetRequiredService<MemoryBudget>().ReservedBytes, Is.Zero);
    }

    [Test]
    public async Task Create_WithAJsonBodyLargerThanTheMemoryBuffer_IsParsedFromItsFile()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var csv = new StringBuilder("x,g\n");
        var random = new Random(11);
        var sum = 0.0;
        var rows = 0;
        while (csv.Length < 36_000_000)
        {
            var value = Math.Round(random.NextDouble() * 1000, 6);
            sum += value;
            rows++;
            csv.Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(rows % 2 == 0 ? ",\"é\"\n" : ",b\n");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { csv = csv.ToString(), analyses = new[] { new { type = "descriptive" } } });
        Assert.That(body, Has.Length.GreaterThan(32 << 20), "past the in-memory buffer");

        using var response = await client.PostAsync("/api/session", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        var details = await client.GetJsonAsync($"/api/session/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(details["session"]!["dataset"]!["rows"]!.GetValue<int>(), Is.EqualTo(rows));
            Assert.That(details["session"]!["dataset"]!["columns"]![1]!["type"]!.GetValue<string>(), Is.EqualTo("categorical"));
        });
    }
}
