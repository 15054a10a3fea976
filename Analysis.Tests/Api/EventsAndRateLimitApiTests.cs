using System.Text;

namespace Analysis.Tests.Api;

/// <summary>The event stream and the rate limit on the polling endpoints.</summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class EventsAndRateLimitApiTests(string provider) : BothDatabases(provider)
{
    internal static async Task<List<(string? Id, string? Event, string? Data, string? Comment)>> ReadEventsAsync(
        HttpClient client, string url, Func<List<(string? Id, string? Event, string? Data, string? Comment)>, bool>? stopWhen = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);
        var events = new List<(string? Id, string? Event, string? Data, string? Comment)>();
        string? id = null, name = null, data = null, comment = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.Length == 0)
            {
                events.Add((id, name, data, comment));
                (id, name, data, comment) = (null, null, null, null);
                if (stopWhen?.Invoke(events) == true)
                {
                    break;
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                comment = line;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return events;
    }

    [Test]
    public async Task Events_SendTheStatusAtOnceAndOnEveryChange_AndEndAfterCompletion()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"},{"type":"descriptive"},{"type":"descriptive"}]""");

        var events = await ReadEventsAsync(client, $"/api/session/{id}/events");

        var statuses = events.Where(e => e.Event == "status").Select(e => JsonNode.Parse(e.Data!)!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.Not.Empty);
            Assert.That(statuses[^1]["status"]!.GetValue<string>(), Is.EqualTo("completed"), "the stream ends after the terminal status");
            Assert.That(statuses[^1]["summary"]!["highlights"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(statuses.All(s => s["success"]!.GetValue<bool>() && s["summary"]!["sessionId"]!.GetValue<string>() == id), Is.True);
            var versions = events.Where(e => e.Event == "status").Select(e => int.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(versions, Is.Ordered.Ascending.And.Unique);
        });
    }

    [Test]
    public async Task Events_WhileNothingHappens_SendHeartbeats_AndCancelEndsTheStream()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Polling:HeartbeatSeconds"] = "1" });
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        var reading = ReadEventsAsync(client, $"/api/session/{id}/events", seen => seen.Count(e => e.Comment is not null) >= 2);
        var heartbeats = await reading;

        Assert.That(heartbeats[0].Event, Is.EqualTo("status"));
        Assert.That(JsonNode.Parse(heartbeats[0].Data!)!["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(heartbeats.Count(e => e.Comment == ": heartbeat"), Is.EqualTo(2));

        var stream = ReadEventsAsync(client, $"/api/session/{id}/events");
        await Task.Delay(300);
        await client.SendAsync(HttpMethod.Post, $"/api/session/{id}/cancel");
        var events = await stream;
        Assert.That(JsonNode.Parse(events.Last(e => e.Event == "status").Data!)!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Events_ForUnknownSession_Is404Json()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        Assert.That(await client.SendAsync(HttpMethod.Get, $"/api/session/{Guid.CreateVersion7()}/events"),
            Is.EqualTo((HttpStatusCode.NotFound, """{"success":false,"error":"Session not found"}""")));
    }

    [Test]
    public async Task Status_PolledFasterThanTheLimit_Is429WithRetryAfter()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["RateLimiting:StatusPermitsPerSecond"] = "3" });
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await client.GetAsync($"/api/session/{id}/status"));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.InRange(3, 6), "a burst of 3, refilled at 3 per second");
            Assert.That(limited, Is.Not.Empty);
            Assert.That(limited[0].Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await limited[0].Content.ReadAsStringAsync(), Is.EqualTo("""{"success":false,"error":"Too many requests"}"""));
            var (created, _) = await client.SendAsync(HttpMethod.Get, $"/api/session/{id}");
            Assert.That(created, Is.EqualTo(HttpStatusCode.OK), "other endpoints are not limited by the status policy");
        });
        answers.ForEach(a => a.Dispose());
    }
}
