using Analysis.Application.Abstractions;

namespace Analysis.Tests.Api;

/// <summary>
/// A held long poll and an event stream outlive a database outage shorter than their wait (issue #18): the status
/// read fails while the database is away — made so here by a reader that can be switched off — and they read again
/// every second until it is back, instead of answering 503 or closing the stream.
/// </summary>
public sealed class DatabaseOutageApiTests
{
    private static ApiFactory Factory(OutageSwitch outage) => new(new() { ["Analysis:WorkerEnabled"] = "false" }, services =>
        services.AddSingleton<ISessionStatusReader>(sp => new SwitchedReader(
            ActivatorUtilities.CreateInstance<Analysis.Infrastructure.Persistence.SessionStatusReader>(sp), outage)));

    [Test]
    public async Task HeldLongPoll_OutlivesAnOutageShorterThanItsWait_AndAnswersTheChange()
    {
        var outage = new OutageSwitch();
        await using var factory = Factory(outage);
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        using var first = await client.GetAsync($"/api/session/{id}/status");
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status?wait=15");
        poll.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var held = client.SendAsync(poll);
        await Task.Delay(200);
        outage.Away = true;
        using (await client.PostAsync($"/api/session/{id}/cancel", null))
        {
        }

        await Task.Delay(1500); // the changed body cannot be read meanwhile
        var answeredDuringOutage = held.IsCompleted;
        outage.Away = false;
        using var answer = await held.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(async () =>
        {
            Assert.That(answeredDuringOutage, Is.False, "held through the outage");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task HeldLongPoll_WhenTheOutageOutlastsItsWait_Is503()
    {
        var outage = new OutageSwitch();
        await using var factory = Factory(outage);
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
        using var first = await client.GetAsync($"/api/session/{id}/status");
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status?wait=2");
        poll.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var held = client.SendAsync(poll);
        await Task.Delay(200);
        outage.Away = true;
        using (await client.PostAsync($"/api/session/{id}/cancel", null))
        {
        }

        using var answer = await held.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That((answer.StatusCode, answer.Headers.RetryAfter is not null), Is.EqualTo((HttpStatusCode.ServiceUnavailable, true)));
    }

    [Test]
    public async Task EventStream_OutlivesAnOutage_SaysSo_AndSendsTheChangeWhenTheDatabaseIsBack()
    {
        var outage = new OutageSwitch();
        await using var factory = Factory(outage);
        using var client = factory.CreateClient();
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");

        var stream = EventsAndRateLimitApiTests.ReadEventsAsync(client, $"/api/session/{id}/events");
        await Task.Delay(300);
        outage.Away = true;
        using (await client.PostAsync($"/api/session/{id}/cancel", null))
        {
        }

        await Task.Delay(2500);
        var endedDuringOutage = stream.IsCompleted;
        outage.Away = false;
        var events = await stream.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(endedDuringOutage, Is.False, "the stream stayed open");
            Assert.That(events.Count(e => e.Comment == ": the database cannot be reached; the stream goes on"), Is.EqualTo(1), "said once");
            Assert.That(JsonNode.Parse(events.Last(e => e.Event == "status").Data!)!["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        });
    }

    private sealed class OutageSwitch
    {
        public volatile bool Away;
    }

    private sealed class SwitchedReader(ISessionStatusReader inner, OutageSwitch outage) : ISessionStatusReader
    {
        public Task<AnalysisSession?> ReadAsync(Guid sessionId, string owner, CancellationToken cancellationToken) =>
            outage.Away
                ? throw new StorageBusyException("The database cannot be reached at the moment; try again shortly.")
                : inner.ReadAsync(sessionId, owner, cancellationToken);
    }
}
