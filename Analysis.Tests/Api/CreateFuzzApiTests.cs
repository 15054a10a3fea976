using System.Net.Http.Headers;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// Throws seeded random input at <c>POST /api/session</c> — random bytes, broken CSV, malformed and nonsensical
/// plans, bad text — and checks what must hold for every one: never a 5xx, a 4xx always says what is wrong, and a
/// rejected request stores nothing. The seed is fixed, so a failure names a case that can be replayed.
/// </summary>
public sealed class CreateFuzzApiTests
{
    private const int Seed = 20261129;
    private const string ValidCsv = "x,y,g\n1,2.5,a\n2,3.5,b\n3,1e-3,a\n4,NA,b\n5,7,a\n6,8,b\n";

    private static readonly string[] Fields =
    [
        "type", "columns", "column", "groupBy", "groups", "equalVariance", "mu", "paired", "method",
        "dependent", "independents", "correction", "confidenceLevel", "Type", "", "\u00e9", "x",
    ];

    private static readonly string[] Types = ["descriptive", "correlation", "ttest", "anova", "regression", "chisquare", "nope", ""];

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Analysis:MaxDatasetBytes"] = "20000" });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase(0, 800)]
    [TestCase(1, 800)]
    [TestCase(2, 800)]
    [TestCase(3, 800)]
    public async Task Create_WithRandomInput_NeverFailsTheServerAndStoresNothingWhenRejected(int kind, int cases)
    {
        var random = new Random(Seed + kind);
        var accepted = 0;
        for (var i = 0; i < cases; i++)
        {
            using HttpContent content = kind switch
            {
                0 => Json(RandomBytes(random)),
                1 => Multipart(MutatedCsv(random), Encoding.UTF8.GetBytes(RandomPlan(random, ["x", "y", "g"]))),
                2 => Json(Encoding.UTF8.GetBytes(RandomJsonBody(random))),
                _ => Multipart(RandomBytes(random), RandomBytes(random)),
            };
            var before = await _factory.CountRowsAsync();

            using var response = await _client.PostAsync("/api/session", content);
            var text = await response.Content.ReadAsStringAsync();

            var at = $"kind {kind}, case {i} (seed {Seed + kind})";
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"{at}: {text}");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted++;
                continue;
            }

            var body = JsonNode.Parse(text)!.AsObject();
            Assert.That((int)response.StatusCode, Is.AnyOf(400, 413, 415), $"{at}: {text}");
            Assert.That(body["success"]!.GetValue<bool>(), Is.False, at);
            Assert.That(body["error"]!.GetValue<string>(), Is.Not.Empty.And.Not.EqualTo("An unexpected error occurred"), at);
            Assert.That(await _factory.CountRowsAsync(), Is.EqualTo(before), $"{at}: a rejected create stored something");
        }

        TestContext.Out.WriteLine($"kind {kind}: {accepted} of {cases} random requests were valid and accepted");
    }

    private static ByteArrayContent Json(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private static MultipartFormDataContent Multipart(byte[] csv, byte[] plan) => new()
    {
        { new ByteArrayContent(csv), "dataset", "data.csv" },
        { new ByteArrayContent(plan), "analyses" },
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A valid CSV with a few random edits: quotes, separators, line breaks, bad bytes, cut short.</summary>
    private static byte[] MutatedCsv(Random random)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(ValidCsv));
        byte[] inserts = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)';', (byte)'\t', 0xFF, 0xC3, 0x00, (byte)' ', 0xEF, 0xBB, 0xBF];
        for (var edits = random.Next(0, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes.Insert(at, inserts[random.Next(inserts.Length)]); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes[at] = (byte)random.Next(256); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A plan assembled from the API's own field names with values of every JSON kind, often wrong.</summary>
    private static string RandomPlan(Random random, string[] columns)
    {
        if (random.Next(10) == 0)
        {
            return random.Next(3) switch { 0 => "{}", 1 => "null", _ => "[" };
        }

        var specs = new List<string>();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var fields = new List<string> { $"\"type\":\"{Types[random.Next(Types.Length)]}\"" };
            for (var f = random.Next(0, 5); f > 0; f--)
            {
                fields.Add($"{Quote(Fields[random.Next(Fields.Length)])}:{RandomValue(random, columns, 0)}");
            }

            specs.Add("{" + string.Join(",", fields) + "}");
        }

        return "[" + string.Join(",", specs) + "]";
    }

    private static string RandomValue(Random random, string[] columns, int depth) => random.Next(depth > 2 ? 7 : 10) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-3, 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => random.Next(2) == 0 ? "0.95" : "1e999",
        4 => Quote(columns[random.Next(columns.Length)]),
        5 => "\"\\ud800\"",
        6 => Quote(random.Next(2) == 0 ? "pearson" : "median"),
        7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, columns, depth + 1))) + "]",
        8 => "{\"a\":" + RandomValue(random, columns, depth + 1) + "}",
        _ => "[" + Quote(columns[random.Next(columns.Length)]) + "," + Quote(columns[random.Next(columns.Length)]) + "]",
    };

    private static string RandomJsonBody(Random random)
    {
        var parts = new List<string>();
        if (random.Next(4) > 0)
        {
            parts.Add($"\"csv\":{(random.Next(5) == 0 ? "42" : Quote(Encoding.UTF8.GetString(MutatedCsv(random))))}");
        }

        if (random.Next(4) > 0)
        {
            parts.Add($"\"analyses\":{RandomPlan(random, ["x", "y", "g"])}");
        }

        if (random.Next(3) == 0)
        {
            parts.Add($"\"name\":{RandomValue(random, ["n"], 0)}");
        }

        var json = "{" + string.Join(",", parts) + "}";
        return random.Next(8) == 0 && json.Length > 2 ? json[..random.Next(1, json.Length)] : json;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
