using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Analysis.Tests.Infrastructure;
using Parquet;
using Parquet.Serialization;
using Parquet.Schema;

namespace Analysis.Tests.Api;

/// <summary>
/// XLSX and Parquet through every upload (docs/api.md, "Datasets"): told from their bytes, read to the same dataset as
/// the same data in CSV (the export of each is the same file), a sheet chosen by name, their errors as 400s naming the
/// field, nothing stored for them, and the same bytes with the same options stored once.
/// </summary>
public sealed class DatasetFileFormatsApiTests
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The sleep data's cells: numbers as number cells, the header as shared strings.</summary>
    private static object?[][] SleepCells(Func<double, object?>? cell = null) =>
    [
        .. ApiClient.SleepCsv.TrimEnd('\n').Split('\n').Select((line, i) => line.Split(',')
            .Select(text => i == 0 ? text : (cell ?? (v => v))(double.Parse(text, CultureInfo.InvariantCulture)))
            .ToArray()),
    ];

    private static byte[] SleepXlsx() =>
        new XlsxTestWorkbook().Sheet("Notes", [["written by", "the test"], ["rows", 20.0]]).Sheet("Sleep", SleepCells()).Build();

    /// <summary>The sleep data as Parquet: extra a double, group and ID 32-bit integers, in two row groups.</summary>
    private static async Task<byte[]> SleepParquet()
    {
        var rows = ApiClient.SleepCsv.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        var (extra, group, id) = (new DataField<double>("extra"), new DataField<int>("group"), new DataField<int>("ID"));
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(extra, group, id), file))
        {
            foreach (var part in rows.Chunk(12))
            {
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<double>(extra, part.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray());
                await rowGroup.WriteAsync<int>(group, part.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray());
                await rowGroup.WriteAsync<int>(id, part.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToArray());
            }
        }

        return file.ToArray();
    }

    private static ByteArrayContent Raw(byte[] file, string mediaType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static MultipartFormDataContent Form(byte[] file, string part = "file", string mediaType = "application/octet-stream", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(content, part, "upload.bin"); // the name says nothing: the content decides
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string url, HttpContent content)
    {
        using var response = await client.PostAsync(url, content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string? ErrorOf(JsonObject body, string field) => body["errors"]?[field]?[0]?.GetValue<string>();

    [Test]
    public async Task XlsxAndParquet_AreStored_AsTheSameDatasetAsTheirCsv_ToldFromTheirBytes()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var (csvStatus, csv) = await PostAsync(client, "/api/datasets", new StringContent(ApiClient.SleepCsv, Encoding.UTF8, "text/csv"));
        var (xlsxStatus, xlsx) = await PostAsync(client, "/api/datasets", Form(SleepXlsx(), fields: ("sheet", "Sleep")));
        var parquetBody = new ByteArrayContent(await SleepParquet());
        parquetBody.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");
        var (parquetStatus, parquet) = await PostAsync(client, "/api/datasets?name=sleep.parquet", parquetBody);

        Assert.That((csvStatus, xlsxStatus, parquetStatus), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created)),
            $"{csv}\n{xlsx}\n{parquet}");
        var exports = new List<string>();
        foreach (var body in new[] { csv, xlsx, parquet })
        {
            var (status, text) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{body["dataset"]!["datasetId"]}/csv");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            exports.Add(text);
        }

        Assert.Multiple(() =>
        {
            Assert.That(new[] { csv, xlsx, parquet }.Select(b => b["dataset"]!["format"]!.GetValue<string>()), Is.EqualTo(new[] { "csv", "xlsx", "parquet" }));
            Assert.That(xlsx["dataset"]!["columns"]!.ToJsonString(), Is.EqualTo(csv["dataset"]!["columns"]!.ToJsonString()));
            Assert.That(parquet["dataset"]!["columns"]!.ToJsonString(), Is.EqualTo(csv["dataset"]!["columns"]!.ToJsonString()));
            Assert.That(xlsx["dataset"]!["rows"]!.GetValue<int>(), Is.EqualTo(20));
            Assert.That(exports[1], Is.EqualTo(exports[0]), "the XLSX's data is the CSV's");
            Assert.That(exports[2], Is.EqualTo(exports[0]), "the Parquet file's data is the CSV's");
        });
    }

    [Test]
    public async Task Xlsx_SheetIsChosenByName_TheFirstByDefault_AndIsPartOfWhatMakesTheDatasetTheSame()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var file = SleepXlsx();

        var (first, firstBody) = await PostAsync(client, "/api/datasets", Form(file));
        var (sleep, sleepBody) = await PostAsync(client, "/api/datasets", Form(file, fields: ("sheet", "Sleep")));
        var (again, againBody) = await PostAsync(client, "/api/datasets", Form(file, fields: ("sheet", "Sleep")));
        var (unknown, unknownBody) = await PostAsync(client, "/api/datasets", Form(file, fields: ("sheet", "Nope")));
        var (onCsv, onCsvBody) = await PostAsync(client, "/api/datasets", Form(Encoding.UTF8.GetBytes(ApiClient.SleepCsv), fields: ("sheet", "Sleep")));
        var (inspected, inspection) = await PostAsync(client, "/api/datasets/inspect", Form(file, part: "dataset", fields: ("sheet", "Sleep")));

        Assert.Multiple(() =>
        {
            Assert.That((first, sleep, again), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK)));
            Assert.That(firstBody["dataset"]!["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "written by", "the test" }));
            Assert.That(sleepBody["dataset"]!["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "extra", "group", "ID" }));
            Assert.That(againBody["dataset"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(sleepBody["dataset"]!["datasetId"]!.GetValue<Guid>()));
            Assert.That(sleepBody["dataset"]!["datasetId"]!.GetValue<Guid>(), Is.Not.EqualTo(firstBody["dataset"]!["datasetId"]!.GetValue<Guid>()));
            Assert.That(sleepBody["dataset"]!["sha256"]!.GetValue<string>(), Is.EqualTo(firstBody["dataset"]!["sha256"]!.GetValue<string>()), "the same bytes");
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ErrorOf(unknownBody, "sheet"), Is.EqualTo("The workbook has no sheet 'Nope'; its sheets are 'Notes', 'Sleep'."));
            Assert.That(onCsv, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ErrorOf(onCsvBody, "sheet"), Is.EqualTo("Only an XLSX workbook has sheets; this file is a CSV."));
            Assert.That(inspected, Is.EqualTo(HttpStatusCode.OK), inspection.ToJsonString());
            Assert.That(inspection["format"]!.GetValue<string>(), Is.EqualTo("xlsx"));
            Assert.That(inspection["sheets"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "Notes", "Sleep" }));
            Assert.That(inspection["sheet"]!.GetValue<string>(), Is.EqualTo("Sleep"));
            ApiClient.AssertJson(inspection["preview"]![0], """["0.7","1","1"]""");
        });
    }

    [Test]
    public async Task InlineXlsxAndParquet_RunASession_WithTheCsvsResults_AndNaStringsApplyToTheirCells()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        const string plan = """[{"type":"ttest","column":"extra","groupBy":"group"}]""";
        var csvSession = await client.CreateSessionAsync(ApiClient.SleepCsv, plan);
        var xlsxForm = Form(SleepXlsx(), part: "dataset", fields: [("analyses", plan), ("sheet", "Sleep")]);
        var (xlsxStatus, xlsxCreated) = await PostAsync(client, "/api/session", xlsxForm);
        var (parquetStatus, parquetCreated) = await PostAsync(client, "/api/session", Form(await SleepParquet(), part: "dataset", fields: ("analyses", plan)));
        // -99 in a number cell is a missing value when naStrings says so, as the text -99 is in a CSV.
        var coded = new XlsxTestWorkbook().Sheet("S", SleepCells(v => v == 3.4 ? -99.0 : v)).Build();
        var (codedStatus, codedBody) = await PostAsync(client, "/api/datasets/inspect", Form(coded, part: "dataset", fields: ("naStrings", """["-99"]""")));

        Assert.That((xlsxStatus, parquetStatus), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted)), $"{xlsxCreated}\n{parquetCreated}");
        var results = new List<string>();
        foreach (var id in new[] { csvSession, xlsxCreated["sessionId"]!.GetValue<string>(), parquetCreated["sessionId"]!.GetValue<string>() })
        {
            await client.WaitForStatusAsync(id, "completed");
            results.Add((await client.GetJsonAsync($"/api/session/{id}/results"))["results"]!.ToJsonString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(results[1], Is.EqualTo(results[0]));
            Assert.That(results[2], Is.EqualTo(results[0]));
            Assert.That(codedStatus, Is.EqualTo(HttpStatusCode.OK), codedBody.ToJsonString());
            Assert.That(codedBody["dataset"]!["columns"]![0]!["missing"]!.GetValue<int>(), Is.EqualTo(2), "both 3.4s coded -99");
        });
    }

    [Test]
    public async Task BadBinaryFiles_Are400sNamingTheProblem_AndStoreNothing()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        using var nestedFile = new MemoryStream();
        await ParquetSerializer.SerializeAsync(new[] { new ParquetDatasetReaderTests.WithList { Id = 1, Scores = [1, 2] } }, nestedFile);

        // 4 MB of spaces in a sheet deflate about a thousand times: past the ratio the reader accepts, refused unread.
        var bomb = new XlsxTestWorkbook().SheetXml("S",
            $"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{new string(' ', 4 << 20)}</sheetData></worksheet>").Build();
        byte[] notUtf8 = [.. "PK\u0003\u0004"u8, 0xFF, 0xFE, (byte)','];
        var mergedHeader = new XlsxTestWorkbook().Sheet("S", [["a", null], [1.0, 2.0]], merges: "A1:B1").Build();

        var (nestedStatus, nestedBody) = await PostAsync(client, "/api/datasets", Form(nestedFile.ToArray()));
        var (bombStatus, bombBody) = await PostAsync(client, "/api/datasets", Form(bomb));
        var (utf8Status, utf8Body) = await PostAsync(client, "/api/datasets", Form(notUtf8));
        var (mergedStatus, mergedBody) = await PostAsync(client, "/api/datasets", Form(mergedHeader));
        // As the raw body too, a CSV or not: the same check, on "body".
        var (rawUtf8Status, rawUtf8Body) = await PostAsync(client, "/api/datasets?name=raw", Raw([.. "x,g\n1,"u8, 0xE9, (byte)'\n'], "text/csv"));
        var (rawExemptStatus, rawExemptBody) = await PostAsync(client, "/api/datasets?name=raw", Raw(notUtf8, "application/octet-stream"));

        Assert.Multiple(async () =>
        {
            Assert.That((nestedStatus, bombStatus, utf8Status, mergedStatus), Is.EqualTo(
                (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
            Assert.That((rawUtf8Status, rawExemptStatus), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
            Assert.That(ErrorOf(rawUtf8Body, "body"), Is.EqualTo("Not valid UTF-8 text (byte 6); send UTF-8."));
            Assert.That(ErrorOf(rawExemptBody, "body"), Is.EqualTo("Not valid UTF-8 text (byte 4); send UTF-8."));
            Assert.That(ErrorOf(nestedBody, "file"), Does.StartWith("Parquet column 'Scores' is a list;"));
            Assert.That(ErrorOf(bombBody, "file"), Does.StartWith("The XLSX part 'xl/worksheets/sheet1.xml' would inflate").And.EndWith("(more than 100 is refused as a likely ZIP bomb)."), bombBody.ToJsonString());
            Assert.That(ErrorOf(utf8Body, "file"), Is.EqualTo("Not valid UTF-8 text (byte 4); send UTF-8."));
            Assert.That(ErrorOf(mergedBody, "file"), Does.Contain("A1"), mergedBody.ToJsonString());
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)), "nothing stored");
        });
    }

    /// <summary>
    /// What a reader holds besides the columns is bounded by the memory budget (64 MiB here): a workbook whose shared
    /// strings would take more to read, or a Parquet file with a text chunk that would take more to decode, is a 400
    /// saying what to do, read no further; the same files within a larger budget are read.
    /// </summary>
    [Test]
    public async Task ReadersWorkingMemory_PastTheBudget_IsA400SayingWhatToDo_AndStoresNothing()
    {
        // 450,000 distinct texts of 43 characters: a shared-string table of about 25 MB, 5 times that to read.
        var texts = new XlsxTestWorkbook().Sheet("S",
            [["id"], .. Enumerable.Range(0, 450_000).Select(i => new object?[] { $"value number {i:D9} of the shared table" })]).Build();
        // 1,000,000 distinct short texts in one row group: a string object a value, about 72 MB to decode.
        var id = new DataField<string>("id");
        using var parquetFile = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id), parquetFile))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, Enumerable.Range(0, 1_000_000).Select(i => $"r{i:D7}").ToArray());
        }

        await using var small = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false", ["Analysis:MemoryBudgetBytes"] = (64L << 20).ToString(CultureInfo.InvariantCulture) });
        using var client = small.CreateClient();
        var (xlsxStatus, xlsxBody) = await PostAsync(client, "/api/datasets", Form(texts));
        var (parquetStatus, parquetBody) = await PostAsync(client, "/api/datasets", Form(parquetFile.ToArray()));
        var stored = await small.CountRowsAsync();
        await using var larger = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }); // 256 MiB
        using var largerClient = larger.CreateClient();
        var (parquetLarger, _) = await PostAsync(largerClient, "/api/datasets", Form(parquetFile.ToArray()));

        Assert.Multiple(() =>
        {
            Assert.That((xlsxStatus, parquetStatus), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
            Assert.That(ErrorOf(xlsxBody, "file"), Does.StartWith("The workbook's shared strings would take about ")
                .And.EndWith("more than the 68 MB the service reads files in (Analysis:MemoryBudgetBytes). Save the sheet as CSV and upload that."));
            Assert.That(ErrorOf(parquetBody, "file"), Does.StartWith("A column chunk of the Parquet file would take about ")
                .And.EndWith("more than the 68 MB the service reads files in (Analysis:MemoryBudgetBytes). Write the file with smaller row groups."));
            Assert.That(stored, Is.EqualTo((0L, 0L, 0L)), "nothing stored");
            Assert.That(parquetLarger, Is.EqualTo(HttpStatusCode.Created), "within the default budget it is read");
        });
    }
}
