using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// Every decode and transport error on the create path is a 400 that names the problem and stores nothing:
/// invalid UTF-8 and unpaired surrogates in every field of both request forms, and broken chunked framing.
/// </summary>
public sealed class DecodingApiTests
{
    private const string Surrogate = "Not valid text: it holds an unpaired surrogate (an escape such as \\ud800 without its other half).";

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

    private async Task<JsonObject> RejectedAsync(HttpContent content)
    {
        var before = await _factory.CountRowsAsync();
        using var response = await _client.PostAsync("/api/session", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(await _factory.CountRowsAsync(), Is.EqualTo(before), "a rejected create stores nothing");
        return JsonNode.Parse(text)!["errors"]!.AsObject();
    }

    private static ByteArrayContent Json(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static MultipartFormDataContent Form(byte[] csv, byte[] analyses, byte[]? name = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(csv), "dataset", "data.csv" },
            { new ByteArrayContent(analyses), "analyses" },
        };
        if (name is not null)
        {
            form.Add(new ByteArrayContent(name), "name");
        }

        return form;
    }

    [Test]
    public async Task JsonBody_WithAnInvalidUtf8Byte_Is400NamingTheByte()
    {
        var body = Bytes("""{"name":"caf?","csv":"x\n1\n","analyses":[{"type":"descriptive"}]}""");
        body[Array.IndexOf(body, (byte)'?')] = 0xE9; // Latin-1 é

        var errors = await RejectedAsync(Json(body));

        ApiClient.AssertJson(errors, """{"body":["Not valid UTF-8 text (byte 12); send UTF-8."]}""");
    }

    [TestCase("""{"name":"\ud800","csv":"x\n1\n","analyses":[{"type":"descriptive"}]}""", "name")]
    [TestCase("""{"name":"n","csv":"x\n1\ud800\n","analyses":[{"type":"descriptive"}]}""", "csv")]
    [TestCase("""{"name":"n","csv":"x\n1\n","analyses":[{"type":"\udc00descriptive"}]}""", "analyses[0].type")]
    [TestCase("""{"name":"n","csv":"x\n1\n","analyses":[{"type":"descriptive","columns":["x","\ud83d"]}]}""", "analyses[0].columns[1]")]
    [TestCase("""{"name":"n","csv":"x\n1\n","analyses":[{"type":"descriptive","\ud800":1}]}""", "analyses[0]")]
    [TestCase("""{"\ud800":"n","csv":"x\n1\n","analyses":[{"type":"descriptive"}]}""", "body")]
    public async Task JsonBody_WithAnUnpairedSurrogate_Is400NamingTheField(string json, string field)
    {
        var errors = await RejectedAsync(Json(Bytes(json)));

        Assert.That(errors[field]!.AsArray().Select(e => e!.GetValue<string>()), Does.Contain(Surrogate));
    }

    [Test]
    public async Task Multipart_WithInvalidUtf8InEachPart_Is400NamingThePart()
    {
        var latin1 = new byte[] { (byte)'x', (byte)'\n', 0xE9, (byte)'\n' };
        var errors = new[]
        {
            await RejectedAsync(Form(latin1, Bytes("""[{"type":"descriptive"}]"""))),
            await RejectedAsync(Form(Bytes("x\n1\n"), [(byte)'[', 0xFF, (byte)']'])),
            await RejectedAsync(Form(Bytes("x\n1\n"), Bytes("""[{"type":"descriptive"}]"""), [0xC3])),
        };

        Assert.Multiple(() =>
        {
            ApiClient.AssertJson(errors[0], """{"dataset":["Not valid UTF-8 text (byte 2); send UTF-8."]}""");
            ApiClient.AssertJson(errors[1], """{"analyses":["Not valid UTF-8 text (byte 1); send UTF-8."]}""");
            ApiClient.AssertJson(errors[2], """{"name":["Not valid UTF-8 text (byte 0); send UTF-8."]}""");
        });
    }

    [Test]
    public async Task Multipart_WithAnUnpairedSurrogateInThePlan_Is400NamingThePath()
    {
        var errors = await RejectedAsync(Form(Bytes("x\n1\n"), Bytes("""[{"type":"descriptive","columns":["\udfff"]}]""")));

        Assert.That(errors["analyses[0].columns[0]"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { Surrogate }));
    }

    [Test]
    public async Task Csv_WithManyMultibyteCharactersAcrossCopyChunks_IsAccepted()
    {
        // 3- and 4-byte characters at every alignment, over several 64 KiB copy chunks.
        var csv = new StringBuilder("x,g\n");
        for (var i = 0; csv.Length < 400_000; i++)
        {
            csv.Append(i).Append(i % 3 == 0 ? ",é𝔸😀\n" : ",ü中\n");
        }

        using var response = await _client.CreateMultipartAsync(csv.ToString(), """[{"type":"descriptive"}]""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Chunked framing can only be broken on a real connection: the service on Kestrel, a raw socket.</summary>
    [TestCase("application/json", "ZZ-not-a-chunk-size")]
    [TestCase("application/json", "FFFFFFFFFFFFFFFFFF")] // overflows: Kestrel's IOException, once a 500 here
    [TestCase("multipart/form-data; boundary=b", "ZZ-not-a-chunk-size")]
    [TestCase("multipart/form-data; boundary=b", "FFFFFFFFFFFFFFFFFF")]
    public async Task Body_WithBrokenChunkedFraming_Is400(string contentType, string badChunkSize)
    {
        using var kestrel = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = new Uri(kestrel.ServerAddress());

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var request =
            $"POST /api/session HTTP/1.1\r\nHost: {address.Authority}\r\nX-Api-Key: {ApiFactory.AliceKey}\r\n" +
            $"Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n" +
            $"5\r\n{{\"csv\r\n{badChunkSize}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.That(statusLine, Does.StartWith("HTTP/1.1 400"));
    }

    /// <summary>Past the request limit with no Content-Length to refuse it by: Kestrel's own limit, still a 413.</summary>
    [Test]
    public async Task ChunkedJsonBody_PastTheRequestLimit_Is413()
    {
        using var kestrel = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Analysis:MaxDatasetBytes"] = "1000" });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = new Uri(kestrel.ServerAddress());

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var head =
            $"POST /api/session HTTP/1.1\r\nHost: {address.Authority}\r\nX-Api-Key: {ApiFactory.AliceKey}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var chunk = new string('a', 4096);
        try
        {
            for (var i = 0; i < 400; i++) // 1.6 MB: past the 1 MiB + 1000 bytes the request may have
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n{chunk}\r\n"));
            }
        }
        catch (IOException)
        {
            // The server answered and closed before the rest was sent.
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.That(statusLine, Does.StartWith("HTTP/1.1 413"));
    }
}
