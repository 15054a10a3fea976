using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// Bounds on what one request can make the service do (issue #18), through the whole service: a plan whose results
/// could take more than a session may hold is a 400 that names their size, and nothing is stored.
/// </summary>
public sealed class BoundsApiTests
{
    [Test]
    public async Task Create_WithAHundredCorrelationsOfFiveHundredColumns_Is400_NamingTheSize_AndStoresNothing()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, 500).Select(i => $"c{i}"))).Append('\n');
        for (var row = 0; row < 20; row++)
        {
            csv.AppendJoin(',', Enumerable.Range(0, 500).Select(i => ((row * 31) + (i * 7)) % 97)).Append('\n');
        }

        using var response = await client.CreateMultipartAsync(csv.ToString(), "[" + string.Join(',', Enumerable.Repeat("""{"type":"correlation"}""", 100)) + "]");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body["errors"]!["analyses"]![0]!.GetValue<string>(), Does.StartWith("The plan's results could take about 1.2 GiB, past the 64 MiB"));
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)), "nothing stored");
        });
    }

    [Test]
    public async Task AHeaderLineOver16MiB_IsA400ForLine1_InEveryForm_AndStoresNothing()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var csv = "\"" + new string('h', 17_000_000) + "\n1\n";
        using var inspectForm = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "dataset", "data.csv" } };

        using var multipart = await client.CreateMultipartAsync(csv, """[{"type":"descriptive"}]""");
        using var json = await client.CreateJsonAsync(new JsonObject { ["csv"] = csv, ["analyses"] = new JsonArray(new JsonObject { ["type"] = "descriptive" }) }.ToJsonString());
        using var inspect = await client.PostAsync("/api/datasets/inspect", inspectForm);

        foreach (var (form, field, response) in new[] { ("multipart", "dataset", multipart), ("json", "csv", json), ("inspect", "dataset", inspect) })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{form}: {text}");
            Assert.That(JsonNode.Parse(text)!["errors"]?[field]?[0]?.GetValue<string>(),
                Is.EqualTo("Line 1: a row longer than 16777216 characters; is a quote left unterminated?"), $"{form}: {text}");
        }

        Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)), "nothing stored");
    }
}
