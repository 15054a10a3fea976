using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// The datasets resource (docs/api.md, "Datasets") through the real host: stored once per content in each of its
/// forms, read with a preview, listed, exported so that storing the export gives the same dataset, deleted with and
/// without its sessions; sessions made by reference; every endpoint in another owner's eyes.
/// </summary>
public sealed class DatasetsApiTests
{
    private const string Plan = """[{"type":"descriptive","columns":["extra"]}]""";

    /// <summary>Quoting, missing cells, spaces inside quotes, numbers that need every digit, a BOM-free UTF-8 name.</summary>
    private const string Tricky = "id,score,label,\"note, quoted\"\n" +
                                  "1,0.1,a,\"he said \"\"hi\"\"\"\n" +
                                  "2,-1e-300,\" b\",\n" +
                                  "3,,c,\"two\nlines\"\n" +
                                  "4,123456789.123456789,NA,plain\n" +
                                  "5,2.5,café,\" padded \"\n";

    private static async Task<(HttpStatusCode Status, JsonObject Body, string? Location)> StoreAsync(HttpClient client, HttpContent content, string url = "/api/datasets")
    {
        using var response = await client.PostAsync(url, content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, body, response.Headers.Location?.OriginalString);
    }

    private static MultipartFormDataContent Multipart(string csv, string? name = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "data.csv");
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        return form;
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Guid IdOf(JsonObject body) => body["dataset"]!["datasetId"]!.GetValue<Guid>();

    [Test]
    public async Task Store_InEachForm_Is201_AndTheSameBytesAgain_AreTheSameDataset_StoredOnce()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        var first = await StoreAsync(client, Multipart(ApiClient.SleepCsv, "sleep"));
        var rowsAfterFirst = await factory.CountRowsAsync();
        var againAsBody = await StoreAsync(client, new StringContent(ApiClient.SleepCsv, Encoding.UTF8, "text/csv"), "/api/datasets?name=again");
        var againAsJson = await StoreAsync(client, Json(new { name = "json", csv = ApiClient.SleepCsv }));
        var other = await StoreAsync(client, new StringContent(Tricky, Encoding.UTF8, "text/csv"), "/api/datasets?name=tricky");
        var rowsAfterAll = await factory.CountRowsAsync();
        var dataset = first.Body["dataset"]!;

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.Location, Is.EqualTo($"/api/datasets/{IdOf(first.Body)}"));
            Assert.That(dataset["name"]!.GetValue<string>(), Is.EqualTo("sleep"));
            Assert.That(dataset["format"]!.GetValue<string>(), Is.EqualTo("csv"));
            Assert.That(dataset["rows"]!.GetValue<int>(), Is.EqualTo(20));
            ApiClient.AssertJson(dataset["columns"], """
                [{"name":"extra","type":"numeric","missing":0,"distinct":17},
                 {"name":"group","type":"numeric","missing":0,"distinct":2},
                 {"name":"ID","type":"numeric","missing":0,"distinct":10}]
                """);
            Assert.That(dataset["sha256"]!.GetValue<string>(), Is.EqualTo(Sha256(ApiClient.SleepCsv)), "the uploaded bytes' hash");
            Assert.That(dataset["bytes"]!.GetValue<long>(), Is.GreaterThan(0));
            ApiClient.AssertJson(dataset["naStrings"], """["","NA","NaN","null"]""");
            Assert.That(dataset["sessions"]!.GetValue<int>(), Is.Zero);

            Assert.That((againAsBody.Status, againAsJson.Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "the same bytes: the stored dataset");
            Assert.That((IdOf(againAsBody.Body), IdOf(againAsJson.Body)), Is.EqualTo((IdOf(first.Body), IdOf(first.Body))));
            Assert.That(againAsBody.Location, Is.EqualTo(first.Location));
            Assert.That(other.Status, Is.EqualTo(HttpStatusCode.Created), other.Body.ToJsonString());
            Assert.That(rowsAfterAll.Datasets, Is.EqualTo(rowsAfterFirst.Datasets + 1), "one copy per content");
        });
    }

    [Test]
    public async Task Store_BadInput_Is400Or415_AndStoresNothing()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();

        var noFile = await StoreAsync(client, new MultipartFormDataContent { { new StringContent("x"), "name" } });
        var malformed = await StoreAsync(client, new StringContent("a,a\n1,2\n", Encoding.UTF8, "text/csv"));
        var wrongType = await StoreAsync(client, new StringContent("a\n1\n", Encoding.UTF8, "text/plain"));

        Assert.Multiple(async () =>
        {
            Assert.That(noFile.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noFile.Body["errors"]!["file"]![0]!.GetValue<string>(), Is.EqualTo("Required: the dataset's file."));
            Assert.That(malformed.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformed.Body["errors"]!["body"]![0]!.GetValue<string>(), Does.Contain("a"));
            Assert.That(wrongType.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)));
        });
    }

    [Test]
    public async Task Get_HasThePreview_List_IsNewestFirstAndPaged_AndAnotherOwner_SeesNeither()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var older = IdOf((await StoreAsync(alice, Multipart(ApiClient.SleepCsv, "sleep"))).Body);
        var newer = IdOf((await StoreAsync(alice, Multipart(Tricky, "tricky"))).Body);
        var bobs = IdOf((await StoreAsync(bob, Multipart(ApiClient.SleepCsv, "bob's"))).Body);

        var got = await alice.GetJsonAsync($"/api/datasets/{newer}");
        var page1 = await alice.GetJsonAsync("/api/datasets?pageSize=1");
        var page2 = await alice.GetJsonAsync("/api/datasets?page=2&pageSize=1");
        var (badPage, _) = await alice.SendAsync(HttpMethod.Get, "/api/datasets?pageSize=101");
        var (foreign, foreignBody) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{bobs}");
        var (unknown, unknownBody) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{Guid.NewGuid()}");
        var (malformed, _) = await alice.SendAsync(HttpMethod.Get, "/api/datasets/not-an-id");
        var (foreignCsv, _) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{bobs}/csv");
        var (foreignDelete, _) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{bobs}");
        var bobsList = await bob.GetJsonAsync("/api/datasets");

        Assert.Multiple(() =>
        {
            ApiClient.AssertJson(got["preview"], """
                [["1","0.1","a","he said \"hi\""],["2","-1E-300"," b",""],["3","","c","two\nlines"],
                 ["4","123456789.12345679","","plain"],["5","2.5","café"," padded "]]
                """);
            Assert.That(got["dataset"]!["columns"]![2]!["missing"]!.GetValue<int>(), Is.EqualTo(1), "NA is missing");
            Assert.That(page1["datasets"]!.AsArray().Select(d => d!["datasetId"]!.GetValue<Guid>()), Is.EqualTo(new[] { newer }));
            Assert.That(page2["datasets"]!.AsArray().Select(d => d!["datasetId"]!.GetValue<Guid>()), Is.EqualTo(new[] { older }));
            Assert.That((page1["total"]!.GetValue<int>(), page1["page"]!.GetValue<int>(), page1["pageSize"]!.GetValue<int>()), Is.EqualTo((2, 1, 1)));
            Assert.That(badPage, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((foreign, unknown, malformed, foreignCsv, foreignDelete), Is.EqualTo(
                (HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
            Assert.That(JsonNode.Parse(foreignBody)!.AsObject().WithoutTraceId().ToJsonString(),
                Is.EqualTo(JsonNode.Parse(unknownBody)!.AsObject().WithoutTraceId().ToJsonString()), "another owner's is an unknown id");
            Assert.That(JsonNode.Parse(foreignBody)!["error"]!.GetValue<string>(), Is.EqualTo("Dataset not found"));
            Assert.That(bobsList["datasets"]!.AsArray().Select(d => d!["datasetId"]!.GetValue<Guid>()), Is.EqualTo(new[] { bobs }), "each owner sees their own");
        });
    }

    [Test]
    public async Task Sample_IsTheNamedColumnsRows_TypedAsRead_400ForAnUnknownColumn_AndAnotherOwners_Is404()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var id = IdOf((await StoreAsync(alice, Multipart(Tricky, "tricky"))).Body);

        var (status, body) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{id}/sample?columns=score&columns=label&limit=3");
        var (unknownColumn, unknownColumnBody) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{id}/sample?columns=nope");
        var (noColumns, _) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{id}/sample");
        var (foreign, foreignBody) = await bob.SendAsync(HttpMethod.Get, $"/api/datasets/{id}/sample?columns=score");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
            // 5 rows, 3 asked for: rows 0, 1 and 3 (i * 5 / 3), NA read as missing.
            ApiClient.AssertJson(JsonNode.Parse(body), $$"""
                {"success":true,"datasetId":"{{id}}","rows":5,"sampled":true,"columns":[
                  {"type":"numeric","name":"score","values":[0.1,-1e-300,123456789.12345679]},
                  {"type":"categorical","name":"label","values":["a"," b",null]}]}
                """);
            Assert.That(unknownColumn, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonNode.Parse(unknownColumnBody)!["errors"]!["columns"]![0]!.GetValue<string>(), Is.EqualTo("The dataset has no column 'nope'."));
            Assert.That(noColumns, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(foreign, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(JsonNode.Parse(foreignBody)!["error"]!.GetValue<string>(), Is.EqualTo("Dataset not found"));
        });
    }

    [Test]
    public async Task Csv_IsTheDataAsRead_AndStoringItAgain_GivesTheSameDataset()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var first = await StoreAsync(client, Multipart(Tricky, "tricky"));
        var id = IdOf(first.Body);

        using var export = await client.GetAsync($"/api/datasets/{id}/csv");
        var text = await export.Content.ReadAsStringAsync();
        var second = await StoreAsync(client, new StringContent(text, Encoding.UTF8, "text/csv"), "/api/datasets?name=tricky");
        var firstPreview = await client.GetJsonAsync($"/api/datasets/{id}");
        var secondPreview = await client.GetJsonAsync($"/api/datasets/{IdOf(second.Body)}");
        using var exportAgain = await client.GetAsync($"/api/datasets/{IdOf(second.Body)}/csv");

        Assert.Multiple(async () =>
        {
            Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(export.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/csv; charset=utf-8"));
            Assert.That(export.Content.Headers.ContentDisposition!.ToString(), Is.EqualTo("attachment; filename=\"tricky.csv\""));
            Assert.That(text, Is.EqualTo(
                "id,score,label,\"note, quoted\"\r\n" +
                "1,0.1,a,\"he said \"\"hi\"\"\"\r\n" +
                "2,-1E-300,\" b\",\r\n" +
                "3,,c,\"two\nlines\"\r\n" +
                "4,123456789.12345679,,plain\r\n" +
                "5,2.5,café,\" padded \"\r\n"));
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.Created), "other bytes (CRLF, no NA), so another dataset");
            Assert.That(secondPreview["dataset"]!["columns"]!.ToJsonString(), Is.EqualTo(firstPreview["dataset"]!["columns"]!.ToJsonString()), "same columns, types, missing and distinct counts");
            Assert.That(secondPreview["preview"]!.ToJsonString(), Is.EqualTo(firstPreview["preview"]!.ToJsonString()), "same values");
            Assert.That(await exportAgain.Content.ReadAsStringAsync(), Is.EqualTo(text), "the export of the export is the export");
        });
    }

    [Test]
    public async Task SessionsByReference_RunOnTheDataset_CarryItsId_AndAreListedByIt()
    {
        await using var factory = new ApiFactory();
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var id = IdOf((await StoreAsync(alice, Multipart(ApiClient.SleepCsv, "sleep"))).Body);
        var before = await factory.CountRowsAsync();

        using var asJson = await alice.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":{{Plan}}}""");
        using var form = new MultipartFormDataContent { { new StringContent(id.ToString()), "datasetId" }, { new StringContent(Plan), "analyses" } };
        using var asMultipart = await alice.PostAsync("/api/session", form);
        var inline = await alice.CreateSessionAsync(ApiClient.SleepCsv, Plan); // the same bytes inline: the same dataset
        var jsonId = JsonNode.Parse(await asJson.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        await alice.WaitForStatusAsync(jsonId, "completed");
        var after = await factory.CountRowsAsync();
        var status = await alice.GetJsonAsync($"/api/session/{jsonId}/status");
        var details = await alice.GetJsonAsync($"/api/session/{inline}");
        var results = await alice.GetJsonAsync($"/api/session/{jsonId}/results");
        var listed = await alice.GetJsonAsync($"/api/session?datasetId={id}");
        var other = await alice.CreateSessionAsync("x\n1\n2\n", """[{"type":"descriptive"}]""");
        var listedAfter = await alice.GetJsonAsync($"/api/session?datasetId={id}");
        var dataset = await alice.GetJsonAsync($"/api/datasets/{id}");

        using var both = await alice.CreateJsonAsync($$"""{"datasetId":"{{id}}","csv":"x\n1\n","analyses":{{Plan}}}""");
        var bothBody = JsonNode.Parse(await both.Content.ReadAsStringAsync())!;
        using var unknown = await alice.CreateJsonAsync($$"""{"datasetId":"{{Guid.NewGuid()}}","analyses":{{Plan}}}""");
        using var foreign = await bob.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":{{Plan}}}""");
        var foreignBody = await foreign.Content.ReadAsStringAsync();
        using var badPlan = await alice.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":[{"type":"ttest","column":"extra","groupBy":"nope"}]}""");
        var badPlanBody = JsonNode.Parse(await badPlan.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That((asJson.StatusCode, asMultipart.StatusCode), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted)));
            Assert.That(after.Datasets, Is.EqualTo(before.Datasets), "no dataset stored for sessions by reference, nor for the same bytes inline");
            Assert.That(status["summary"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(details["session"]!["datasetId"]!.GetValue<Guid>(), Is.EqualTo(id), "the inline upload of the same bytes runs on the stored dataset");
            Assert.That(results["results"]![0]!["columns"]!["extra"]!["mean"]!.GetValue<double>(), Is.EqualTo(1.54).Within(1e-12), "R: mean(sleep$extra)");
            Assert.That(listed["sessions"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(listed["sessions"]!.AsArray().All(s => s!["datasetId"]!.GetValue<Guid>() == id), Is.True);
            Assert.That(listedAfter["total"]!.GetValue<int>(), Is.EqualTo(3), $"session {other} is on another dataset");
            Assert.That(dataset["dataset"]!["sessions"]!.GetValue<int>(), Is.EqualTo(3));

            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(bothBody["errors"]!["csv"]![0]!.GetValue<string>(), Is.EqualTo("Send 'csv' or 'datasetId', not both."));
            Assert.That(bothBody["errors"]!["datasetId"]![0]!.GetValue<string>(), Is.EqualTo("Send 'csv' or 'datasetId', not both."));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another owner's dataset");
            Assert.That(JsonNode.Parse(foreignBody)!["error"]!.GetValue<string>(), Is.EqualTo("Dataset not found"));
            Assert.That(badPlan.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the plan is checked against the stored data");
            Assert.That(badPlanBody["errors"]!["analyses[0].groupBy"]![0]!.GetValue<string>(), Is.EqualTo("Column 'nope' does not exist."));
        });
    }

    /// <summary>
    /// The plan is checked against a stored dataset exactly as against its upload — though only grouping and
    /// categorical columns are read for it (a plan of numeric columns reads nothing): every role's error, the same.
    /// </summary>
    [Test]
    public async Task SessionsByReference_PlanErrors_AreThoseOfTheSameUpload_ForEveryRole()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        const string csv = "x,y,g,h,k,b\n1,2,a,p,5,0\n2,3,b,q,5,1\n3,5,a,r,5,0\n4,4,b,p,5,1\n";
        var id = IdOf((await StoreAsync(client, Multipart(csv, "roles"))).Body);
        string[] plans =
        [
            """[{"type":"correlation","columns":["x","g"]}]""",
            """[{"type":"regression","dependent":"y","independents":["x","nope"]}]""",
            """[{"type":"ttest","column":"x","groupBy":"h"}]""",
            """[{"type":"ttest","column":"x","groupBy":"h","groups":["p","s"]}]""",
            """[{"type":"anova","column":"x","groupBy":"k"}]""",
            """[{"type":"chisquare","columns":["g","zz"]}]""",
            """[{"type":"logistic","dependent":"h","independents":["x"]}]""",
            """[{"type":"mannwhitney","column":"g","groupBy":"b"}]""",
        ];

        foreach (var plan in plans)
        {
            using var uploaded = await client.CreateMultipartAsync(csv, plan);
            using var byReference = await client.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":{{plan}}}""");
            var (uploadedErrors, referenceErrors) = (
                JsonNode.Parse(await uploaded.Content.ReadAsStringAsync())!["errors"], JsonNode.Parse(await byReference.Content.ReadAsStringAsync())!["errors"]);
            Assert.Multiple(() =>
            {
                Assert.That((uploaded.StatusCode, byReference.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)), plan);
                Assert.That(referenceErrors?.ToJsonString(), Is.EqualTo(uploadedErrors?.ToJsonString()).And.Not.Null, plan);
            });
        }

        using var fine = await client.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":[{"type":"ttest","column":"x","groupBy":"h","groups":["p","q"]},{"type":"correlation","columns":["x","y"]}]}""");
        Assert.That(fine.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await fine.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A dataset just stored keeps its decoded columns in memory: the next session on it — its plan check, which reads
    /// the grouping column, and its run — reads nothing from the database (here there is nothing left to read there).
    /// </summary>
    [Test]
    public async Task SessionsByReference_RightAfterTheStore_ReadTheColumnsFromMemory()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var id = IdOf((await StoreAsync(client, Multipart(ApiClient.SleepCsv, "sleep"))).Body);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Analysis.Infrastructure.Persistence.AnalysisDbContext>();
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.DatasetColumns.Where(c => c.DatasetId == id));
        }

        using var created = await client.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":[{"type":"ttest","column":"extra","groupBy":"group"}]}""");
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
        var session = body["sessionId"]!.GetValue<string>();
        await client.WaitForStatusAsync(session, "completed");
        var result = (await client.GetJsonAsync($"/api/session/{session}/results"))["results"]![0]!;

        // R: t.test(extra ~ group, data = sleep): t = -1.860813, df = 17.77647.
        Assert.Multiple(() =>
        {
            Assert.That(result["statistic"]!.GetValue<double>(), Is.EqualTo(-1.860813).Within(1e-6));
            Assert.That(result["df"]!.GetValue<double>(), Is.EqualTo(17.77647).Within(1e-5));
        });
    }

    [Test]
    public async Task Delete_IsRefusedWhileASessionRuns_AndWhileItHasSessions_UnlessWithSessions()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var alice = factory.CreateClient();
        var id = IdOf((await StoreAsync(alice, Multipart(ApiClient.SleepCsv, "sleep"))).Body);
        var lone = IdOf((await StoreAsync(alice, Multipart(Tricky, "tricky"))).Body);
        using var created = await alice.CreateJsonAsync($$"""{"datasetId":"{{id}}","analyses":{{Plan}}}""");
        var session = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();

        var (whilePending, pendingBody) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{id}");
        await alice.SendAsync(HttpMethod.Post, $"/api/session/{session}/cancel");
        var (withTerminal, terminalBody) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{id}");
        var (withSessions, _) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{id}?withSessions=true");
        var (sessionAfter, _) = await alice.SendAsync(HttpMethod.Get, $"/api/session/{session}/status");
        var (datasetAfter, _) = await alice.SendAsync(HttpMethod.Get, $"/api/datasets/{id}");
        var (loneDelete, _) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{lone}");
        var (again, _) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{lone}");

        // A dataset a create's inline upload made (erased with its last session), deleted with its session.
        var inline = await alice.CreateSessionAsync("x\n1\n2\n", Plan.Replace("extra", "x", StringComparison.Ordinal), "inline é");
        await alice.SendAsync(HttpMethod.Post, $"/api/session/{inline}/cancel");
        using var inlineCsv = await alice.GetAsync($"/api/datasets/{inline}/csv");
        var (inlineDelete, _) = await alice.SendAsync(HttpMethod.Delete, $"/api/datasets/{inline}?withSessions=true");

        Assert.Multiple(async () =>
        {
            Assert.That(whilePending, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(JsonNode.Parse(pendingBody)!["error"]!.GetValue<string>(), Is.EqualTo("Dataset is in use by a running session"));
            Assert.That(withTerminal, Is.EqualTo(HttpStatusCode.Conflict));
            ApiClient.AssertJson(JsonNode.Parse(terminalBody)!.AsObject().WithoutTraceId(),
                """{"success":false,"error":"Dataset has 1 session; delete them first or pass withSessions=true","sessions":1}""");
            Assert.That(withSessions, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((sessionAfter, datasetAfter), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
            Assert.That((loneDelete, again), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NotFound)));
            Assert.That(inlineCsv.Content.Headers.ContentDisposition!.ToString(), Is.EqualTo("attachment; filename=\"inline _.csv\""), "a header value is ASCII");
            Assert.That(inlineDelete, Is.EqualTo(HttpStatusCode.NoContent), "gone with its session, and so deleted");
            Assert.That(await factory.CountRowsAsync(), Is.EqualTo((0L, 0L, 0L)), "its columns and its session's rows are gone");
        });
    }

    [Test]
    public async Task Retention_ErasesADatasetUnusedForItsPeriod_OnlyOnceNoSessionKeepsIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ApiFactory(
            new() { ["Analysis:WorkerEnabled"] = "false", ["Analysis:RetentionDays"] = "7" }, services => services.AddSingleton<TimeProvider>(time));
        using var client = factory.CreateClient();
        var kept = IdOf((await StoreAsync(client, Multipart(ApiClient.SleepCsv, "used"))).Body);
        var unused = IdOf((await StoreAsync(client, Multipart(Tricky, "unused"))).Body);
        using var created = await client.CreateJsonAsync($$"""{"datasetId":"{{kept}}","analyses":{{Plan}}}""");
        var session = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        var unusedBody = await client.GetJsonAsync($"/api/datasets/{unused}");
        var keptBody = await client.GetJsonAsync($"/api/datasets/{kept}");
        var retention = factory.Services.GetRequiredService<Analysis.Infrastructure.Workers.RetentionService>();

        time.Advance(TimeSpan.FromDays(8));
        await retention.SweepAsync(CancellationToken.None);
        var (unusedAfter, _) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{unused}");
        var (keptAfter, _) = await client.SendAsync(HttpMethod.Get, $"/api/datasets/{kept}");

        Assert.Multiple(() =>
        {
            Assert.That(unusedBody["dataset"]!["expiresAt"]!.GetValue<DateTimeOffset>(),
                Is.EqualTo(unusedBody["dataset"]!["lastUsedAt"]!.GetValue<DateTimeOffset>() + TimeSpan.FromDays(7)));
            Assert.That(keptBody["dataset"]!["expiresAt"], Is.Null, "a session keeps it");
            Assert.That(unusedAfter, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(keptAfter, Is.EqualTo(HttpStatusCode.OK), $"session {session} (pending) keeps it");
        });
    }

    /// <summary>
    /// Survey data codes missing values as <c>-99</c> and <c>.</c> (R: <c>read.csv(text = …, na.strings = c("-99", "."))</c>
    /// gives x = 1, NA, 3, 4 and g = "a", NA, "NA", "b": "NA" is then a value like any other).
    /// </summary>
    [Test]
    public async Task NaStrings_AreTheCellsReadAsMissing_PartOfWhatMakesADatasetTheSame_AndChecked()
    {
        await using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        const string csv = "x,g\n1,a\n-99,.\n3,NA\n4,b\n";
        MultipartFormDataContent Form(string? naStrings)
        {
            var form = Multipart(csv, "survey");
            if (naStrings is not null)
            {
                form.Add(new StringContent(naStrings), "naStrings");
            }

            return form;
        }

        var coded = await StoreAsync(client, Form("""["-99", "."]"""));
        var reordered = await StoreAsync(client, Form("""[".", "-99"]"""));
        var asJson = await StoreAsync(client, Json(new { csv, naStrings = new[] { "-99", "." } }));
        var asBody = await StoreAsync(client, new StringContent(csv, Encoding.UTF8, "text/csv"), "/api/datasets?naStrings=-99&naStrings=.");
        var plain = await StoreAsync(client, Form(null));
        var notAList = await StoreAsync(client, Form("-99"));
        var tooMany = await StoreAsync(client, Json(new { csv, naStrings = Enumerable.Range(0, 21).Select(i => $"m{i}") }));
        var inline = await client.CreateJsonAsync("""{"csv":"y\n1\n-99\n5\n","naStrings":["-99"],"analyses":[{"type":"descriptive"}]}""");
        var inlineId = JsonNode.Parse(await inline.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        await client.WaitForStatusAsync(inlineId, "completed");
        var inlineResults = await client.GetJsonAsync($"/api/session/{inlineId}/results");
        using var onStored = await client.CreateJsonAsync($$"""{"datasetId":"{{IdOf(coded.Body)}}","naStrings":["x"],"analyses":[{"type":"descriptive"}]}""");
        var onStoredBody = JsonNode.Parse(await onStored.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(coded.Status, Is.EqualTo(HttpStatusCode.Created));
            ApiClient.AssertJson(coded.Body["dataset"]!["naStrings"], """["-99","."]""");
            ApiClient.AssertJson(coded.Body["dataset"]!["columns"], """
                [{"name":"x","type":"numeric","missing":1,"distinct":3},{"name":"g","type":"categorical","missing":1,"distinct":3}]
                """);
            Assert.That((reordered.Status, IdOf(reordered.Body)), Is.EqualTo((HttpStatusCode.OK, IdOf(coded.Body))), "the same set of strings");
            Assert.That((asJson.Status, IdOf(asJson.Body)), Is.EqualTo((HttpStatusCode.OK, IdOf(coded.Body))));
            Assert.That((asBody.Status, IdOf(asBody.Body)), Is.EqualTo((HttpStatusCode.OK, IdOf(coded.Body))), "?naStrings= repeated, for the raw body");
            Assert.That(plain.Status, Is.EqualTo(HttpStatusCode.Created), "the same bytes read with other strings: another dataset");
            ApiClient.AssertJson(plain.Body["dataset"]!["columns"], """
                [{"name":"x","type":"numeric","missing":0,"distinct":4},{"name":"g","type":"categorical","missing":1,"distinct":3}]
                """);
            Assert.That(notAList.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(notAList.Body["errors"]!["naStrings"]![0]!.GetValue<string>(), Does.StartWith("Must be a JSON array of strings"));
            Assert.That(tooMany.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooMany.Body["errors"]!["naStrings"]![0]!.GetValue<string>(), Is.EqualTo("At most 20 strings, not 21."));
            Assert.That(inlineResults["results"]![0]!["columns"]!["y"]!["mean"]!.GetValue<double>(), Is.EqualTo(3), "R: mean(c(1, NA, 5), na.rm = TRUE)");
            Assert.That(inlineResults["results"]![0]!["columns"]!["y"]!["missing"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(onStored.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(onStoredBody["errors"]!["naStrings"]![0]!.GetValue<string>(), Does.StartWith("Only with an upload"));
        });
    }
}
