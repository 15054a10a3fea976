using System.Net.Http.Headers;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>Requests as a client makes them, and helpers that read the API's bodies.</summary>
public static class ApiClient
{
    public const string SleepCsv =
        "extra,group,ID\n0.7,1,1\n-1.6,1,2\n-0.2,1,3\n-1.2,1,4\n-0.1,1,5\n3.4,1,6\n3.7,1,7\n0.8,1,8\n0.0,1,9\n2.0,1,10\n" +
        "1.9,2,1\n0.8,2,2\n1.1,2,3\n0.1,2,4\n-0.1,2,5\n4.4,2,6\n5.5,2,7\n1.6,2,8\n4.6,2,9\n3.4,2,10\n";

    public static Task<HttpResponseMessage> CreateMultipartAsync(this HttpClient client, string csv, string analyses, string? name = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "dataset", "data.csv");
        form.Add(new StringContent(analyses, Encoding.UTF8), "analyses");
        if (name is not null)
        {
            form.Add(new StringContent(name, Encoding.UTF8), "name");
        }

        return client.PostAsync("/api/session", form);
    }

    public static Task<HttpResponseMessage> CreateJsonAsync(this HttpClient client, string json) =>
        client.PostAsync("/api/session", new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<string> CreateSessionAsync(this HttpClient client, string csv, string analyses, string? name = null)
    {
        using var response = await client.CreateMultipartAsync(csv, analyses, name);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        return JsonNode.Parse(body)!["sessionId"]!.GetValue<string>();
    }

    /// <summary>Polls as a good client does: the last ETag in If-None-Match and a long poll, so it is woken by the change.</summary>
    public static async Task<JsonObject> WaitForStatusAsync(this HttpClient client, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? etag = null;
        JsonObject? body = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/session/{id}/status?wait=5");
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                etag = response.Headers.ETag?.ToString();
            }
            else
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            }

            if ((body is not null && statuses.Contains(body["status"]!.GetValue<string>())) || DateTime.UtcNow > deadline)
            {
                Assert.That(body?["status"]?.GetValue<string>(), Is.AnyOf(statuses), "the session did not reach the status in 30 s");
                return body!;
            }
        }
    }

    /// <summary>The body without its <c>traceId</c> (which differs per request), for exact comparisons.</summary>
    public static JsonObject WithoutTraceId(this JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.Remove("traceId");
        return body;
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Structural equality with the expected JSON text (escaping and whitespace do not matter).</summary>
    public static void AssertJson(JsonNode? actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(actual, JsonNode.Parse(expected)), Is.True, $"expected {expected}\n but was {actual?.ToJsonString()}");

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(this HttpClient client, HttpMethod method, string url)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, url));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
