using System.Net.Http.Headers;
using System.Text;
using Analysis.Tests.Api;
using Microsoft.Playwright;

namespace Analysis.Tests.Web;

/// <summary>
/// The web app's datasets (#19): the Datasets page, a dataset's page (its columns with a chart each, its sessions, a
/// new plan on it by reference, its CSV, delete), another plan from a session's page, and the upload's missing-value
/// codes. Each test makes a dataset of its own content, so that the shared service's other datasets (uploads of the
/// same file are one dataset) do not change what it sees.
/// </summary>
public sealed partial class BrowserTests
{
    /// <summary>The sleep data with a categorical column, and a first row that tells one test's copy from another's.</summary>
    private static string CityCsv(string tag) =>
        $"extra,group,ID,city\n{tag},1,1,Oslo\n" + string.Join(
            "\n",
            ApiClient.SleepCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select((line, i) => $"{line},{Cities[i % Cities.Length]}")) + "\n";

    private static readonly string[] Cities = ["Oslo", "Bergen", "Oslo", "Tromsø", "Oslo", "Bergen"];

    private static async Task<string> StoreDatasetAsync(HttpClient api, string csv, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name + ".csv");
        form.Add(new StringContent(name), "name");
        using var response = await api.PostAsync("/api/datasets", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonNode.Parse(body)!["dataset"]!["datasetId"]!.GetValue<string>();
    }

    private static async Task<string> CreateByReferenceAsync(HttpClient api, string datasetId, string analyses, string name)
    {
        using var response = await api.CreateJsonAsync($$"""{"datasetId": "{{datasetId}}", "name": "{{name}}", "analyses": {{analyses}}}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        var id = JsonNode.Parse(body)!["sessionId"]!.GetValue<string>();
        await api.WaitForStatusAsync(id, "completed");
        return id;
    }

    /// <summary>From the start page, through the header's link and the list, to the dataset's page (as a person goes).</summary>
    private static async Task OpenDatasetAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = "Datasets" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Datasets", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
    }

    private static Task<int> PageOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [Test]
    public async Task TheUpload_WithAMissingValueCode_StoresADataset_ThatTheDatasetsPageLists_WithThatCellMissing()
    {
        var page = await OpenAsync();
        var csv = ApiClient.SleepCsv.Replace("\n-1.6,1,2\n", "\n-99,1,2\n", StringComparison.Ordinal).Replace("\n0.1,2,4\n", "\n0.15,2,4\n", StringComparison.Ordinal);
        await page.GetByText("Missing values:").ClickAsync(); // opens the disclosure
        await page.GetByLabel("Other cells that mean missing").FillAsync("NA, NaN, null, -99");
        await page.GetByLabel("Other cells that mean missing").BlurAsync();
        var summary = await page.Locator("details.na-codes summary").InnerTextAsync();
        await ChooseCsvAsync(page, "coded.csv", Encoding.UTF8.GetBytes(csv));
        var inspected = page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "extra" });
        var inspectedExtra = await inspected.InnerTextAsync();
        var accept = await page.GetAttributeAsync("#dataset", "accept");
        await AddAnalysisAsync(page, "descriptive");
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue($"{request.Method} {new Uri(request.Url).AbsolutePath} {request.PostData}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var datasetLink = await page.GetByRole(AriaRole.Link, new() { Name = "coded", Exact = true }).GetAttributeAsync("href");

        await OpenDatasetAsync(page, "coded");
        var extra = await page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "extra" }).InnerTextAsync();
        var facts = await page.Locator("dl.facts").InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Datasets", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "coded", Exact = true }) });
        await row.WaitForAsync();
        var rowText = await row.InnerTextAsync();
        var listViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "datasets-page");

        Assert.Multiple(() =>
        {
            Assert.That(summary, Does.Contain("-99"), "the codes chosen are summed up");
            Assert.That(accept, Does.Contain(".xlsx").And.Contain(".parquet").And.Contain(".csv"));
            // (Playwright does not show a multipart body with a file: the missing cell below shows that the codes went with it.)
            Assert.That(requests.Count(r => r.StartsWith("POST /api/datasets ", StringComparison.Ordinal)), Is.EqualTo(1), "the file stored as a dataset, once");
            Assert.That(requests, Has.Some.Match("^POST /api/session \\{\"datasetId\":\"[0-9a-f-]{36}\""), "the session created by reference");
            Assert.That(datasetLink, Does.Match("^/datasets/[0-9a-f-]{36}$"), "the session page links its dataset");
            Assert.That(inspectedExtra, Does.Match(@"extra\s+numeric\s+1\s"), "the -99 cell is missing when the file is read");
            Assert.That(extra, Does.Match(@"extra\s+numeric\s+1\s"), "the -99 cell is missing in the dataset stored");
            Assert.That(facts, Does.Contain("empty cells, NA, NaN, null, -99"));
            Assert.That(rowText, Does.Contain("CSV").And.Contain("20 × 3").And.Match(@"\s1$"), "format, size, one session");
            Assert.That(listViolations, Is.Empty, "axe-core on the Datasets page");
        });
    }

    [Test]
    public async Task TheDatasetPage_ShowsEachColumnWithAChart_AndItsSessions_AndRunsANewPlanOnItByReference()
    {
        using var api = _factory.CreateClient();
        var datasetId = await StoreDatasetAsync(api, CityCsv("0.75"), "charted");
        var first = await CreateByReferenceAsync(api, datasetId, """[{"type":"descriptive"}]""", "first on charted");
        var page = await OpenAsync();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"{page.Url}: uncaught {error}");
        var posted = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posted.Enqueue($"{new Uri(request.Url).AbsolutePath} {request.Headers.GetValueOrDefault("content-type")} {request.PostData}");
            }
        };
        await OpenDatasetAsync(page, "charted");

        // A chart for each column: bars of a histogram for the numeric ones, of the levels for the categorical one.
        var charts = page.GetByRole(AriaRole.Region, new() { Name = "Charts of the columns" });
        var histogram = charts.GetByRole(AriaRole.Img, new() { Name = "Histogram of extra: 20 values in 8 bins of equal width from -2 to 6", Exact = false });
        await histogram.WaitForAsync();
        var levels = charts.GetByRole(AriaRole.Img, new() { Name = "Most frequent levels of city (20 values): Oslo", Exact = false });
        await levels.WaitForAsync();
        var images = await charts.GetByRole(AriaRole.Img).AllAsync();
        var names = await Task.WhenAll(images.Select(i => i.GetAttributeAsync("aria-label")));
        var histogramBars = await histogram.Locator("rect").CountAsync();
        var levelBars = await levels.Locator("rect").CountAsync();
        var sessions = await page.GetByRole(AriaRole.Region, new() { Name = "Sessions on this dataset", Exact = true }).InnerTextAsync();
        var sessionHref = await page.GetByRole(AriaRole.Link, new() { Name = "first on charted" }).GetAttributeAsync("href");
        var pageViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "dataset-page");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).ReplaceLineEndings("\n"); // RFC 4180 ends lines with CRLF

        // New analysis: the plan builder on the dataset's columns, the session created by reference.
        await page.GetByRole(AriaRole.Button, new() { Name = "New analysis" }).ClickAsync();
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent");
        await AddAnalysisAsync(page, "anova");
        await page.SelectOptionAsync("#analysis-0-column", "extra");
        var groupings = await page.Locator("#analysis-0-groupBy option").AllInnerTextsAsync();
        await page.SelectOptionAsync("#analysis-0-groupBy", "city");
        await page.FillAsync("#session-name", "anova on charted");
        var planViolations = await SeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.WaitForFunctionAsync("() => /^\\/sessions\\/[0-9a-f-]{36}$/.test(location.pathname)");
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Region, new() { Name = "1. One-way ANOVA: Test" }).WaitForAsync();
        var second = page.Url.Split('/').Last();
        var details = await api.GetJsonAsync($"/api/session/{second}");
        var dataset = await api.GetJsonAsync($"/api/datasets/{datasetId}");

        Assert.Multiple(() =>
        {
            Assert.That(names, Has.Length.EqualTo(4), "one chart per column: " + string.Join(" | ", names));
            Assert.That(names.Count(n => n!.StartsWith("Histogram of ", StringComparison.Ordinal)), Is.EqualTo(3), "the numeric columns: extra, group, ID");
            Assert.That(histogramBars, Is.GreaterThanOrEqualTo(8), "a bar per bin");
            Assert.That(levelBars, Is.GreaterThanOrEqualTo(3), "a bar per level: Oslo, Bergen, Tromsø");
            Assert.That(sessions, Does.Contain("first on charted").And.Contain("completed"));
            Assert.That(sessionHref, Is.EqualTo($"/sessions/{first}"));
            Assert.That(csv, Does.StartWith("extra,group,ID,city\n0.75,1,1,Oslo\n"));
            Assert.That(focused, Is.EqualTo("New analysis on this dataset"), "the plan's heading has the focus");
            Assert.That(groupings, Does.Contain("city").And.Contain("group"), "the dataset's grouping columns offered");
            Assert.That(posted, Has.None.StartsWith("/api/datasets"), "nothing uploaded");
            Assert.That(posted, Has.Exactly(1).Match($"^/api/session application/json \\{{\"datasetId\":\"{datasetId}\""), "created by reference: " + string.Join("; ", posted));
            Assert.That(details["session"]!["datasetId"]!.GetValue<string>(), Is.EqualTo(datasetId));
            Assert.That(details["session"]!["name"]!.GetValue<string>(), Is.EqualTo("anova on charted"));
            Assert.That(dataset["dataset"]!["sessions"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(pageViolations, Is.Empty, "axe-core on the dataset page");
            Assert.That(planViolations, Is.Empty, "axe-core with a plan being built on the dataset page");
            Assert.That(errors, Is.Empty, "console errors: " + string.Join("\n", errors));
        });
    }

    [Test]
    public async Task RunAnotherPlanOnThisDataset_FromASessionsPage_StartsFromItsPlan_AndMakesASecondSessionOnTheSameDataset()
    {
        using var api = _factory.CreateClient();
        var datasetId = await StoreDatasetAsync(api, CityCsv("0.8"), "again");
        var first = await CreateByReferenceAsync(
            api, datasetId, """[{"type":"ttest","column":"extra","groupBy":"group","equalVariance":true,"confidenceLevel":0.9},{"type":"correlation","method":"spearman"}]""", "first plan");
        var page = await OpenAsync();
        await page.GotoAsync($"{_base}/sessions/{first}");
        await page.GetByText("Status: completed").WaitForAsync();
        var datasetLink = await page.GetByRole(AriaRole.Link, new() { Name = "again", Exact = true }).GetAttributeAsync("href");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run another plan on this dataset" }).ClickAsync();
        var plan = page.Locator("ol.plan > li");
        await plan.First.WaitForAsync();
        var legends = await page.Locator("ol.plan > li > fieldset > legend").AllInnerTextsAsync();
        var prefilled = new[]
        {
            await page.InputValueAsync("#analysis-0-form"), await page.InputValueAsync("#analysis-0-column"), await page.InputValueAsync("#analysis-0-groupBy"),
            await page.InputValueAsync("#analysis-1-method"), await page.InputValueAsync("#session-name"),
        };
        var equalVariance = await plan.First.GetByLabel("Assume equal variances", new() { Exact = false }).IsCheckedAsync();
        var kept = await plan.First.Locator(".help").InnerTextAsync();
        var violations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "another-plan");
        await page.SetViewportSizeAsync(375, 800);
        await NextFramesAsync(page);
        var narrowOverflow = await PageOverflowAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        // One change (the correlation's method), then run it.
        await page.SelectOptionAsync("#analysis-1-method", "kendall");
        await page.FillAsync("#session-name", "second plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.WaitForFunctionAsync($"() => /^\\/sessions\\/[0-9a-f-]{{36}}$/.test(location.pathname) && !location.pathname.endsWith('{first}')");
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var second = page.Url.Split('/').Last();
        var firstDetails = (await api.GetJsonAsync($"/api/session/{first}"))["session"]!;
        var secondDetails = (await api.GetJsonAsync($"/api/session/{second}"))["session"]!;

        Assert.Multiple(() =>
        {
            Assert.That(datasetLink, Is.EqualTo($"/datasets/{datasetId}"), "the session page links its dataset");
            Assert.That(legends, Is.EqualTo(new[] { "1. t-test", "2. Correlation" }));
            Assert.That(prefilled, Is.EqualTo(new[] { "two-sample", "extra", "group", "spearman", "first plan" }));
            Assert.That(equalVariance, Is.True);
            Assert.That(kept, Does.Contain("confidence level 0.9"), "what the form has no field for is kept and shown");
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(secondDetails["datasetId"]!.GetValue<string>(), Is.EqualTo(firstDetails["datasetId"]!.GetValue<string>()).And.EqualTo(datasetId), "the same dataset");
            ApiClient.AssertJson(secondDetails["analyses"]![0], firstDetails["analyses"]![0]!.ToJsonString()); // the t-test as it was, its 0.9 included
            Assert.That(secondDetails["analyses"]![1]!["method"]!.GetValue<string>(), Is.EqualTo("kendall"));
            Assert.That(violations, Is.Empty, "axe-core with the plan prefilled");
            Assert.That(narrowOverflow, Is.LessThanOrEqualTo(0), "the prefilled plan fits 375 px");
        });
    }

    [Test]
    public async Task DeletingADatasetWithSessions_SaysSo_AndDeletesItWithThemWhenAsked()
    {
        using var api = _factory.CreateClient();
        var datasetId = await StoreDatasetAsync(api, CityCsv("0.85"), "to delete");
        var session = await CreateByReferenceAsync(api, datasetId, """[{"type":"descriptive"}]""", "on to delete");
        var page = await OpenAsync();
        await OpenDatasetAsync(page, "to delete");
        var asked = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete dataset" }).ClickAsync();
        var withSessions = page.GetByRole(AriaRole.Button, new() { Name = "Delete the dataset with its 1 session" });
        await withSessions.WaitForAsync();
        var notice = await page.Locator(".notice").InnerTextAsync();
        var stillThere = (await api.GetAsync($"/api/datasets/{datasetId}")).StatusCode;
        await withSessions.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Datasets", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Table).WaitForAsync();
        var listed = await page.GetByRole(AriaRole.Link, new() { Name = "to delete", Exact = true }).CountAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(asked, Has.Count.EqualTo(2));
            Assert.That(asked.ElementAtOrDefault(1), Does.Contain("with its 1 session"));
            Assert.That(notice, Does.Contain("This dataset has 1 session"));
            Assert.That(stillThere, Is.EqualTo(HttpStatusCode.OK), "the first delete was refused");
            Assert.That(listed, Is.Zero, "gone from the list");
            Assert.That((await api.GetAsync($"/api/datasets/{datasetId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await api.GetAsync($"/api/session/{session}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "its session went with it");
        });
    }

    [Test]
    public async Task OnA375PixelScreen_TheDatasetsPages_FitAndPassAxe()
    {
        using var api = _factory.CreateClient();
        var datasetId = await StoreDatasetAsync(api, CityCsv("0.95"), "narrow dataset with a long name to wrap");
        await CreateByReferenceAsync(api, datasetId, """[{"type":"descriptive"}]""", "narrow session");
        var page = await OpenAsync(width: 375, height: 800);
        await page.GetByRole(AriaRole.Link, new() { Name = "Datasets", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Table).WaitForAsync();
        await NextFramesAsync(page);
        var listOverflow = await PageOverflowAsync(page);
        var listTables = await page.EvaluateAsync<string[]>(WideTablesScript);
        var listViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "narrow-datasets-page");

        await page.GetByRole(AriaRole.Link, new() { Name = "narrow dataset with a long name to wrap" }).ClickAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "Most frequent levels of city", Exact = false }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New analysis" }).ClickAsync();
        await AddAnalysisAsync(page, "regression");
        await NextFramesAsync(page);
        var pageOverflow = await PageOverflowAsync(page);
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.scroll')).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 8).join(' ')");
        var pageTables = await page.EvaluateAsync<string[]>(WideTablesScript);
        var pageViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "narrow-dataset-page");

        Assert.Multiple(() =>
        {
            Assert.That(listOverflow, Is.LessThanOrEqualTo(0), "no horizontal scrolling of the Datasets page");
            Assert.That(listTables, Is.All.EndsWith(": ok"), string.Join("; ", listTables));
            Assert.That(pageOverflow, Is.LessThanOrEqualTo(0), $"no horizontal scrolling of the dataset page; too wide: {wide}");
            Assert.That(pageTables, Is.All.EndsWith(": ok"), string.Join("; ", pageTables));
            Assert.That(listViolations, Is.Empty, "axe-core on the Datasets page at 375 px");
            Assert.That(pageViolations, Is.Empty, "axe-core on the dataset page at 375 px");
        });
    }

    [Test]
    public async Task AWorkbookWithTwoSheets_OffersThem_AndTheSecondSheetPickedIsReadAndStored()
    {
        // The sleep data on the second sheet, a note on the first (the one read when none is chosen).
        object?[][] sleep =
        [
            ["extra", "group", "ID"],
            .. ApiClient.SleepCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(line => line.Split(',').Select(v => (object?)double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
        ];
        var workbook = new Infrastructure.XlsxTestWorkbook()
            .Sheet("Notes", [["written by", "checked"], ["the browser test", 1.0]])
            .Sheet("Sleep data", sleep)
            .Build();
        var page = await OpenAsync();
        await page.SetInputFilesAsync("#dataset", new FilePayload { Name = "two sheets.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook });
        var columns = page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" });
        await columns.WaitForAsync();
        var sheets = await page.Locator("#sheet option").AllInnerTextsAsync();
        var firstRead = await columns.InnerTextAsync();
        var firstSummary = await page.Locator(".columns > p").First.InnerTextAsync();
        var violations = await SeriousViolationsAsync(page);

        await page.GetByLabel("Sheet", new() { Exact = true }).SelectOptionAsync("Sleep data");
        await columns.GetByRole(AriaRole.Rowheader, new() { Name = "extra" }).WaitForAsync();
        var secondRead = await columns.InnerTextAsync();
        var secondSummary = await page.Locator(".columns > p").First.InnerTextAsync();
        await ScreenshotAsync(page, "workbook-sheet-picked");
        await AddAnalysisAsync(page, "ttest");
        await page.SelectOptionAsync("#analysis-0-column", "extra");
        await page.SelectOptionAsync("#analysis-0-groupBy", "group");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var test = await page.GetByRole(AriaRole.Region, new() { Name = "1. t-test (welch): Test" }).InnerTextAsync();
        using var api = _factory.CreateClient();
        var session = (await api.GetJsonAsync($"/api/session/{page.Url.Split('/').Last()}"))["session"]!;
        var dataset = (await api.GetJsonAsync($"/api/datasets/{session["datasetId"]!.GetValue<string>()}"))["dataset"]!;

        Assert.Multiple(() =>
        {
            Assert.That(sheets, Is.EqualTo(new[] { "Notes", "Sleep data" }), "the workbook's sheets, in order");
            Assert.That(firstRead, Does.Contain("written by").And.Not.Contain("extra"), "the first sheet read at first");
            Assert.That(firstSummary, Does.StartWith("XLSX (sheet Notes): 1 row, 2 columns"));
            Assert.That(secondRead, Does.Contain("extra").And.Contain("group").And.Not.Contain("written by"), "the sheet picked is read");
            Assert.That(secondSummary, Does.StartWith("XLSX (sheet Sleep data): 20 rows, 3 columns"));
            Assert.That(test, Does.Contain("-1.861").And.Contain("7.94e-2"), "R's t.test(extra ~ group, sleep)");
            Assert.That(dataset["format"]!.GetValue<string>(), Is.EqualTo("xlsx"));
            Assert.That(dataset["rows"]!.GetValue<int>(), Is.EqualTo(20));
            Assert.That(dataset["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "extra", "group", "ID" }), "the sheet picked was stored");
            Assert.That(dataset["name"]!.GetValue<string>(), Is.EqualTo("two sheets"));
            Assert.That(violations, Is.Empty, "axe-core with the sheet picker");
        });
    }

    [Test]
    public async Task AParquetFile_IsRead_WithNoSheetPicker_AndStoredAsParquet()
    {
        // The sleep data as Parquet (Parquet.Net's writer): extra a double, group and ID 32-bit integers.
        var rows = ApiClient.SleepCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        var (extra, group, id) = (new Parquet.Schema.DataField<double>("extra"), new Parquet.Schema.DataField<int>("group"), new Parquet.Schema.DataField<int>("ID"));
        using var file = new MemoryStream();
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(extra, group, id), file))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<double>(extra, rows.Select(r => double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            await rowGroup.WriteAsync<int>(group, rows.Select(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            await rowGroup.WriteAsync<int>(id, rows.Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        var page = await OpenAsync();
        await page.SetInputFilesAsync("#dataset", new FilePayload { Name = "sleep.parquet", MimeType = "application/vnd.apache.parquet", Buffer = file.ToArray() });
        var columns = page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" });
        await columns.GetByRole(AriaRole.Rowheader, new() { Name = "extra" }).WaitForAsync();
        var read = await columns.InnerTextAsync();
        var summary = await page.Locator(".columns > p").First.InnerTextAsync();
        var pickers = await page.Locator("#sheet").CountAsync();
        await AddAnalysisAsync(page, "ttest");
        await page.SelectOptionAsync("#analysis-0-column", "extra");
        await page.SelectOptionAsync("#analysis-0-groupBy", "group");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var test = await page.GetByRole(AriaRole.Region, new() { Name = "1. t-test (welch): Test" }).InnerTextAsync();
        using var api = _factory.CreateClient();
        var session = (await api.GetJsonAsync($"/api/session/{page.Url.Split('/').Last()}"))["session"]!;
        var dataset = (await api.GetJsonAsync($"/api/datasets/{session["datasetId"]!.GetValue<string>()}"))["dataset"]!;

        Assert.Multiple(() =>
        {
            Assert.That(read, Does.Contain("extra").And.Contain("group").And.Contain("ID"));
            Assert.That(summary, Does.StartWith("Parquet"));
            Assert.That(pickers, Is.Zero, "a Parquet file has no sheets to pick");
            Assert.That(test, Does.Contain("-1.861").And.Contain("7.94e-2"), "R's t.test(extra ~ group, sleep)");
            Assert.That(dataset["format"]!.GetValue<string>(), Is.EqualTo("parquet"));
            Assert.That(dataset["rows"]!.GetValue<int>(), Is.EqualTo(20));
        });
    }

    [Test]
    public async Task TheDatasetsPage_WithoutDatasets_SaysSo_AndTakesTheFocusToItsHeading()
    {
        // Bob has stored nothing: the other tests run as Alice.
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        _current = page;
        await page.GotoAsync($"{_base}/#key={ApiFactory.BobKey}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Datasets", Exact = true }).ClickAsync();
        await page.GetByText("No datasets yet.").WaitForAsync();
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.tagName + ' ' + document.activeElement.textContent");
        var current = await page.GetByRole(AriaRole.Link, new() { Name = "Datasets", Exact = true }).GetAttributeAsync("aria-current");
        var uploadLink = await page.GetByRole(AriaRole.Link, new() { Name = "Upload a file" }).GetAttributeAsync("href");

        Assert.Multiple(() =>
        {
            Assert.That(focused, Is.EqualTo("H1 Datasets"));
            Assert.That(current, Is.EqualTo("page"), "the header says which page this is");
            Assert.That(uploadLink, Is.EqualTo("/"));
            Assert.That(page.Url, Is.EqualTo($"{_base}/datasets"));
        });
    }
}
