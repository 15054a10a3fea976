using System.Globalization;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// <c>POST /api/datasets/inspect</c> (docs/api.md): a CSV read exactly as a create reads it — types, missing and distinct
/// counts, the first rows' text — in both request forms, with the create's errors, and nothing stored.
/// </summary>
public sealed class InspectDatasetApiTests
{
    // Quoted fields (a comma, a leading space), a missing marker, a number written "1.50", a level that looks numeric.
    private const string Csv =
        "score,group,note,code\n" +
        "1.50,a,\"x, y\",1\n" +
        "2,b,\" a\",2\n" +
        "NA,a,plain,x\n" +
        "4,,\"\",2\n";

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory(new() { ["Analysis:MaxDatasetBytes"] = "100000", ["Analysis:WorkerEnabled"] = "false" });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> InspectMultipartAsync(string csv, HttpClient? client = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "dataset", "data.csv" } };
        return (client ?? _client).PostAsync("/api/datasets/inspect", form);
    }

    private Task<HttpResponseMessage> InspectJsonAsync(string csv) =>
        _client.PostAsync("/api/datasets/inspect", new StringContent(new JsonObject { ["csv"] = csv }.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!;
    }

    [Test]
    public async Task Inspect_InBothForms_SaysWhatACreateWouldRead_AndStoresNothing()
    {
        using var multipart = await InspectMultipartAsync(Csv);
        using var json = await InspectJsonAsync(Csv);
        var fromForm = await BodyAsync(multipart, HttpStatusCode.OK);
        var fromJson = await BodyAsync(json, HttpStatusCode.OK);
        var stored = await _factory.CountRowsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fromForm["success"]!.GetValue<bool>(), Is.True);
            Assert.That(fromForm["dataset"]!["rows"]!.GetValue<int>(), Is.EqualTo(4));
            ApiClient.AssertJson(fromForm["dataset"]!["columns"], """
                [{"name":"score","type":"numeric","missing":1,"distinct":3},
                 {"name":"group","type":"categorical","missing":1,"distinct":2},
                 {"name":"note","type":"categorical","missing":1,"distinct":3},
                 {"name":"code","type":"categorical","missing":0,"distinct":3}]
                """);
            ApiClient.AssertJson(fromForm["preview"], """
                [["1.50","a","x, y","1"],["2","b"," a","2"],["NA","a","plain","x"],["4","","","2"]]
                """);
            Assert.That(JsonNode.DeepEquals(fromForm, fromJson), Is.True, "the JSON form answers as the multipart one");
            Assert.That(stored, Is.EqualTo((0L, 0L, 0L)), "nothing stored");
        });
    }

    [Test]
    public async Task Preview_HoldsTheFirstTenRows_AndDistinctCountsStopAt1001()
    {
        var csv = new StringBuilder("n,level\n");
        for (var i = 0; i < 1500; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i}.5,L{i}\n");
        }

        using var response = await InspectMultipartAsync(csv.ToString());
        var body = await BodyAsync(response, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(body["dataset"]!["rows"]!.GetValue<int>(), Is.EqualTo(1500));
            Assert.That(body["dataset"]!["columns"]!.AsArray().Select(c => c!["distinct"]!.GetValue<int>()), Is.EqualTo(new[] { 1001, 1001 }));
            Assert.That(body["preview"]!.AsArray(), Has.Count.EqualTo(10));
            Assert.That(body["preview"]![9]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "9.5", "L9" }));
        });
    }

    [Test]
    public async Task BadRequests_GetTheCreatesAnswers()
    {
        using var noDataset = await _client.PostAsync("/api/datasets/inspect", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var ragged = await InspectMultipartAsync("a,b\n1,2\n3,4,5\n");
        using var tooLarge = await InspectMultipartAsync("a\n" + new string('1', 120_000) + "\n");
        using var text = await _client.PostAsync("/api/datasets/inspect", new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/plain"));
        using var anonymous = _factory.CreateAnonymousClient();
        using var noKey = await InspectMultipartAsync(Csv, anonymous);

        var missing = await BodyAsync(noDataset, HttpStatusCode.BadRequest);
        var malformed = await BodyAsync(ragged, HttpStatusCode.BadRequest);
        Assert.Multiple(async () =>
        {
            Assert.That(missing["errors"]!["csv"]![0]!.GetValue<string>(), Is.EqualTo("Required: the CSV dataset."));
            Assert.That(malformed["errors"]!["dataset"]![0]!.GetValue<string>(), Does.StartWith("Line 3"));
            Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await _factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)));
        });
    }
}
