using System.Text.Json;
using Analysis.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace Analysis.Tests.Web;

/// <summary>
/// The web app in a real headless Chromium (the Debian package, driven by Playwright) against the real service on
/// a loopback port: a person's whole job, a validation error next to its field, the narrow screen, axe-core's
/// serious violations. Screenshots of each page go under the test output (screenshots/). Skipped, saying why,
/// without /usr/bin/chromium or a built app.
/// </summary>
[NonParallelizable]
public sealed partial class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private ApiFactory _factory = null!;
    private ApiFactory _idle = null!;
    private string _idleBase = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _base = null!;
    private IPage? _current;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"Browser tests need Chromium at {Chromium} (apt-get install chromium; .ci/run does).");
        }

        if (!File.Exists(RepositoryRoot.Of("Analysis.Api", "webapp", "index.html")))
        {
            Assert.Ignore("The web app is not built (the API's build builds it when Node.js 20.19+ is installed).");
        }

        _factory = new ApiFactory();
        _factory.UseKestrel(0);
        _factory.StartServer();
        _base = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _idle = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" }); // its sessions stay pending
        _idle.UseKestrel(0);
        _idle.StartServer();
        _idleBase = _idle.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_idle is not null)
        {
            await _idle.DisposeAsync();
        }
    }

    /// <summary>A failed test leaves a screenshot of the page as it was, and its text, to say what went wrong.</summary>
    [TearDown]
    public async Task TearDown()
    {
        if (_current is { } page && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await ScreenshotAsync(page, "failed-" + TestContext.CurrentContext.Test.MethodName);
            await TestContext.Out.WriteLineAsync($"The page at {page.Url} read:\n{await page.InnerTextAsync("body")}");
        }

        if (_current is not null)
        {
            await _current.Context.CloseAsync();
            _current = null;
        }
    }

    private async Task<IPage> OpenAsync(int width = 1280, int height = 900, string? at = null)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        _current = page;
        await page.GotoAsync($"{at ?? _base}/#key={ApiFactory.AliceKey}");
        return page;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    /// <summary>axe-core (from the app's node_modules) run in the page: the serious and critical violations.</summary>
    private static async Task<string[]> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol: the app's Content-Security-Policy (no inline scripts) rightly
        // refuses a script tag, and the page is checked as it is served.
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(RepositoryRoot.Of("Analysis.Web", "node_modules", "axe-core", "axe.min.js")) + "\n;undefined");
        }

        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run()).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        return JsonSerializer.Deserialize<string[]>(json)!;
    }

    private static async Task ChooseSleepCsvAsync(IPage page)
    {
        await page.SetInputFilesAsync("#dataset", new FilePayload
        {
            Name = "sleep.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(ApiClient.SleepCsv),
        });
        await page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).WaitForAsync();
    }

    /// <summary>
    /// Each table of the page wider than the box it is shown in, with what it lacks: a scroll container that scrolls,
    /// is a named region in the tab order, and says so with a visible hint (its accessible description); "ok" if nothing.
    /// </summary>
    private const string WideTablesScript =
        """
        () => [...document.querySelectorAll('main table')].flatMap(table => {
          let scroller = table.parentElement;
          while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
          const box = scroller ?? table.parentElement;
          if (table.getBoundingClientRect().width <= box.clientWidth + 1) return [];
          const name = table.querySelector('caption')?.textContent ?? '(no caption)';
          if (!scroller) return [name + ': not in a scroll container'];
          const hint = document.getElementById(scroller.getAttribute('aria-describedby') ?? '');
          const problems = [
            scroller.scrollWidth > scroller.clientWidth ? '' : 'does not scroll',
            scroller.getAttribute('role') === 'region' && scroller.getAttribute('aria-label') ? '' : 'not a named region',
            scroller.tabIndex === 0 ? '' : 'not focusable',
            hint && hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility === 'visible' && hint.textContent.trim() ? '' : 'no visible hint',
          ].filter(p => p);
          return [scroller.getAttribute('aria-label') + ': ' + (problems.join(', ') || 'ok')];
        })
        """;

    /// <summary>Two frames later: what the page measures and shows in a frame of its own (a table's hint) is shown.</summary>
    private static Task NextFramesAsync(IPage page) =>
        page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

    private static async Task ChooseCsvAsync(IPage page, string name, byte[] csv)
    {
        await page.SetInputFilesAsync("#dataset", new FilePayload { Name = name, MimeType = "text/csv", Buffer = csv });
        await page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).WaitForAsync();
    }

    private static async Task AddAnalysisAsync(IPage page, string type)
    {
        await page.SelectOptionAsync("#add-type", type);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
    }

    [Test]
    public async Task APerson_UploadsACsv_BuildsAPlan_WatchesItComplete_ReadsAndDownloadsTheResults_AndDeletesIt()
    {
        var page = await OpenAsync();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Analysis", Level = 1 }).WaitForAsync();
        var startViolations = await SeriousViolationsAsync(page);
        await ChooseSleepCsvAsync(page);
        var columns = await page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).InnerTextAsync();

        await page.SelectOptionAsync("#add-type", "ttest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await page.SelectOptionAsync("#analysis-0-column", "extra");
        await page.SelectOptionAsync("#analysis-0-groupBy", "group");
        foreach (var type in new[] { "descriptive", "correlation", "regression" })
        {
            await page.SelectOptionAsync("#add-type", type);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        }

        await page.SelectOptionAsync("#analysis-3-dependent", "extra");
        await page.Locator("label.check", new() { Has = page.Locator("input[name='analysis-3-independents']"), HasText = "ID" }).Locator("input").CheckAsync();

        var planViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "start-page-with-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();

        // The app moves with history.pushState: the address is polled (WaitForURL waits for a navigation event,
        // which a same-document move does not reliably give it).
        await page.WaitForFunctionAsync("() => /^\\/sessions\\/[0-9a-f-]{36}$/.test(location.pathname)");
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var test = page.GetByRole(AriaRole.Region, new() { Name = "1. t-test (welch): Test" });
        await test.WaitForAsync();
        var testText = await test.InnerTextAsync();
        var groups = await page.GetByRole(AriaRole.Region, new() { Name = "1. t-test (welch): Groups" }).InnerTextAsync();
        var heatMap = page.GetByRole(AriaRole.Img, new() { Name = "3. Correlation (pearson): heat map of the correlation coefficients" });
        await heatMap.WaitForAsync();
        var heatMapCells = await heatMap.Locator("rect").CountAsync();
        var boxPlot = await page.GetByRole(AriaRole.Img, new() { Name = "2. Descriptive statistics: box plot of each column (minimum, quartiles, median, maximum)" }).CountAsync();
        var means = await page.GetByRole(AriaRole.Img, new() { Name = "1. t-test (welch): each group's mean with its 95% confidence interval" }).Locator("circle").CountAsync();
        var scatter = page.GetByRole(AriaRole.Img, new() { Name = "4. Linear regression: scatter of extra against ID with the fitted line" });
        await scatter.WaitForAsync();
        var scatterDots = await scatter.Locator("circle").CountAsync();
        var fittedLine = await scatter.Locator("path").CountAsync();
        var rowsUsed = await page.GetByText("20 rows used; none left out for missing values", new() { Exact = true }).CountAsync();
        var resultViolations = await SeriousViolationsAsync(page);
        await ScreenshotAsync(page, "session-page");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var scriptDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "R script" }).ClickAsync());
        var script = await File.ReadAllTextAsync(await scriptDownload.PathAsync());
        var dataDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Dataset (CSV)" }).ClickAsync());
        var data = await File.ReadAllTextAsync(await dataDownload.PathAsync());
        var rCall = await page.GetByRole(AriaRole.Article, new() { Name = "1. t-test (welch)" }).Locator("p.r-call").InnerTextAsync();

        // Delete, confirming the question; back on the start page the session is gone from the list (other tests'
        // sessions of the same owner may be listed: only this one's link is looked for).
        var sessionPath = new Uri(page.Url).AbsolutePath;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete session" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" }).WaitForAsync();
        await page.WaitForFunctionAsync(
            "path => location.pathname === '/' && !document.querySelector(`a[href='${path}']`) && " +
            "(document.body.innerText.includes('No sessions yet.') || !!document.querySelector('a[href^=\"/sessions/\"]'))",
            sessionPath);
        var afterDelete = page.Url;

        Assert.Multiple(() =>
        {
            Assert.That(columns, Does.Contain("extra").And.Contain("numeric"));
            // t.test(extra ~ group, sleep) in R: t = -1.8608, df = 17.776, p-value = 0.07939; means 0.75 and 2.33.
            Assert.That(testText, Does.Contain("-1.861").And.Contain("17.78").And.Contain("7.94e-2"));
            Assert.That(groups, Does.Contain("0.75").And.Contain("2.33"));
            Assert.That(csv, Does.StartWith("1. t-test (welch): Test"));
            Assert.That(script, Does.StartWith("# Analysis session ").And.Contain("res <- t.test(extra ~ group, data = d"), "the R script");
            Assert.That(scriptDownload.SuggestedFilename, Does.EndWith(".R"));
            Assert.That(data, Does.StartWith("extra,group,ID\r\n"), "the dataset as the service read it (RFC 4180 line ends)");
            Assert.That(rCall, Is.EqualTo("In R: t.test(extra ~ group, data = d, var.equal = FALSE, conf.level = 0.95)"));
            Assert.That(rowsUsed, Is.EqualTo(4), "each result says its rows used and left out");
            Assert.That(afterDelete, Is.EqualTo($"{_base}/"), "back on the start page");
            Assert.That(heatMapCells, Is.GreaterThanOrEqualTo(9), "a cell for each pair of the 3 numeric columns");
            Assert.That(boxPlot, Is.EqualTo(1), "the descriptive columns' box plot");
            Assert.That(means, Is.EqualTo(2), "a dot for each group's mean");
            Assert.That(scatterDots, Is.EqualTo(20), "a dot for each of the 20 rows");
            Assert.That(fittedLine, Is.GreaterThanOrEqualTo(1), "the fitted line");
            Assert.That(requests, Has.Some.Match("/api/session/[0-9a-f-]{36}/events$"), "the status followed through the event stream");
            Assert.That(requests, Has.None.Contains("wait="), "no long polling while the stream works");
            Assert.That(resultViolations, Is.Empty, "axe-core on the results");
            Assert.That(startViolations, Is.Empty, "axe-core on the start page");
            Assert.That(planViolations, Is.Empty, "axe-core with a plan being built");
        });
    }

    [Test]
    public async Task AValidationError_IsShownNextToTheAnalysisItConcerns()
    {
        var page = await OpenAsync();
        await ChooseSleepCsvAsync(page);
        await page.SelectOptionAsync("#add-type", "anova");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();

        var error = page.Locator("#analysis-0-errors");
        await error.GetByText("Required", new() { Exact = false }).First.WaitForAsync();
        await ScreenshotAsync(page, "validation-error");

        Assert.That(await error.InnerTextAsync(), Does.Contain("column").And.Contain("groupBy"));
    }

    [Test]
    public async Task OnA375PixelScreen_NothingRunsOffTheSide()
    {
        var page = await OpenAsync(width: 375, height: 800);
        await ChooseSleepCsvAsync(page);
        await page.SelectOptionAsync("#add-type", "regression");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 8).join(' ')");
        await ScreenshotAsync(page, "narrow-start-page");

        Assert.Multiple(async () =>
        {
            Assert.That(overflow, Is.LessThanOrEqualTo(0), $"no horizontal scrolling of the page; too wide: {wide}");
            Assert.That(await SeriousViolationsAsync(page), Is.Empty, "axe-core at 375 px");
        });
    }

    [Test]
    public async Task OnA375PixelScreen_NoNumberBreaksInItsCell_AndAWideTableScrollsVisiblyAndByKeyboard()
    {
        var page = await OpenAsync(width: 375, height: 800);
        await ChooseCsvAsync(page, "mtcars.csv", await File.ReadAllBytesAsync(RepositoryRoot.Of("Analysis.Tests", "TestData", "mtcars.csv")));
        await NextFramesAsync(page);
        var startPageTables = await page.EvaluateAsync<string[]>(WideTablesScript); // the first rows' eleven columns
        await ScreenshotAsync(page, "narrow-start-page-wide-rows");
        await AddAnalysisAsync(page, "regression");
        await page.SelectOptionAsync("#analysis-0-dependent", "mpg");
        var predictors = page.GetByRole(AriaRole.Group, new() { Name = "Predictors (categorical ones are treatment-coded)" });
        foreach (var predictor in new[] { "wt", "hp", "disp", "qsec", "drat" })
        {
            await predictors.GetByLabel(predictor, new() { Exact = true }).CheckAsync();
        }

        await AddAnalysisAsync(page, "correlation"); // every numeric column: an 11 × 11 matrix
        await AddAnalysisAsync(page, "descriptive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Region, new() { Name = "3. Descriptive statistics: Columns" }).WaitForAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "1. Linear regression: residuals against fitted values" }).WaitForAsync();
        await NextFramesAsync(page);

        // A number's text on one line: the boxes of the range over its text all on one line.
        var numbers = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const cells = [...document.querySelectorAll('main td')].filter(td => /^(< )?[-−]?[\d.,]+(e[-+]\d+)?$/.test(td.textContent.trim()));
              const lines = td => {
                const range = document.createRange();
                range.selectNodeContents(td);
                return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
              };
              return {
                checked: cells.length,
                wrapped: cells.filter(td => lines(td) > 1).map(td => td.closest('[aria-label]')?.getAttribute('aria-label') + ': ' + td.textContent),
              };
            }
            """);
        var wrapped = numbers.GetProperty("wrapped").EnumerateArray().Select(e => e.GetString()).ToArray();

        var tables = await page.EvaluateAsync<string[]>(WideTablesScript);
        var correlation = page.GetByRole(AriaRole.Region, new() { Name = "2. Correlation (pearson): Coefficients" });
        await correlation.FocusAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        var scrolledByKeys = await correlation.EvaluateAsync<double>("e => e.scrollLeft"); // the screenshot shows it scrolled
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await ScreenshotAsync(page, "narrow-results");
        var violations = await SeriousViolationsAsync(page);

        Assert.Multiple(() =>
        {
            Assert.That(numbers.GetProperty("checked").GetInt32(), Is.GreaterThan(150), "the numeric cells checked");
            Assert.That(wrapped, Is.Empty, "numbers broken across lines");
            Assert.That(tables.Length, Is.GreaterThanOrEqualTo(3), "wide tables: the correlation's two and the descriptive one at least; " + string.Join("; ", tables));
            Assert.That(tables, Is.All.EndsWith(": ok"), string.Join("; ", tables));
            Assert.That(startPageTables, Is.Not.Empty.And.All.EndsWith(": ok"), "on the start page: " + string.Join("; ", startPageTables));
            Assert.That(scrolledByKeys, Is.GreaterThan(0), "the focused table scrolls with the arrow keys");
            Assert.That(overflow, Is.LessThanOrEqualTo(0), "no horizontal scrolling of the page");
            Assert.That(violations, Is.Empty, "axe-core on the results at 375 px");
        });
    }

    [Test]
    public async Task EveryPageOfTheApp_AsAPersonGoesThroughIt_LogsNoConsoleError()
    {
        using var api = _idle.CreateClient();
        var pending = await api.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "still pending");
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        _current = page;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{page.Url}: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"{page.Url}: uncaught {error}");

        // The keyless page, then the start page with the key given there.
        await page.GotoAsync($"{_base}/");
        await page.GetByLabel("API key").FillAsync(ApiFactory.AliceKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" }).WaitForAsync();

        // Building a plan and running it: its page from the start (pending or running) to its results and charts, then
        // back to the start page and its list of sessions.
        await ChooseSleepCsvAsync(page);
        await AddAnalysisAsync(page, "ttest");
        await page.SelectOptionAsync("#analysis-0-column", "extra");
        await page.SelectOptionAsync("#analysis-0-groupBy", "group");
        await AddAnalysisAsync(page, "regression");
        await page.SelectOptionAsync("#analysis-1-dependent", "extra");
        await page.GetByRole(AriaRole.Group, new() { Name = "Predictors (categorical ones are treatment-coded)" }).GetByLabel("ID", new() { Exact = true }).CheckAsync();
        await AddAnalysisAsync(page, "correlation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the analyses" }).ClickAsync();
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Img, new() { Name = "2. Linear regression: scatter of extra against ID with the fitted line" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "sleep" }).First.WaitForAsync();

        // A session that is not done yet (the idle service's sessions stay pending), on a page of its own.
        await page.GotoAsync($"{_idleBase}/sessions/{pending}#key={ApiFactory.AliceKey}");
        await page.GetByText("Status: pending").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel session" }).WaitForAsync();

        // The icons the page links to, and the one a browser asks for on its own, are there.
        var icons = await page.EvaluateAsync<string[]>(
            "() => Promise.all([...[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href), location.origin + '/favicon.ico']" +
            ".map(href => fetch(href).then(r => r.status + ' ' + r.headers.get('content-type'))))");
        await page.WaitForTimeoutAsync(500); // a late error still reaches the list

        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty, string.Join("\n", errors));
            Assert.That(icons, Has.Length.GreaterThanOrEqualTo(3).And.All.Match("^200 image/"), "each icon linked, and /favicon.ico: " + string.Join(", ", icons));
        });
    }

    [Test]
    public async Task ADroppedFile_IsRead_AndThePageIsUsedWithTheKeyboardAlone_InAVisibleFocusOrder()
    {
        var page = await OpenAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Analysis", Level = 1 }).WaitForAsync();

        // Drag and drop: a file dropped on the upload area, as a person drags it from their desktop.
        var transfer = await page.EvaluateHandleAsync(
            "csv => { const t = new DataTransfer(); t.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' })); return t; }",
            ApiClient.SleepCsv);
        await page.DispatchEventAsync(".drop", "dragover", new { dataTransfer = transfer });
        await page.DispatchEventAsync(".drop", "drop", new { dataTransfer = transfer });
        await page.GetByRole(AriaRole.Table, new() { Name = "Columns as the service reads them" }).WaitForAsync();
        var droppedName = await page.InputValueAsync("#session-name");

        // From "Analysis to add", Tab reaches Add; Enter adds the analysis and puts the focus in its first field.
        await page.FocusAsync("#add-type");
        await page.Keyboard.PressAsync("Tab");
        var onAdd = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#analysis-0-columns, fieldset").First.WaitForAsync();
        var afterAdd = await page.EvaluateAsync<string>("() => document.activeElement.closest('ol.plan > li')?.querySelector('legend')?.textContent ?? ''");

        // The whole page by Tab from the top: the controls in reading order, each with a visible focus outline.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.Mouse.ClickAsync(1, 1); // Tab goes on from here: the top of the page
        var order = new List<string>();
        var unmarked = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; if (e === document.body) return ['(out of the page)', 'yes']; const s = getComputedStyle(e); " +
                "return [e.id || e.getAttribute('aria-label') || (e.labels?.[0]?.textContent ?? e.textContent).trim().slice(0, 30), s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'yes' : 'no']; }");
            if (focused[0] == "(out of the page)")
            {
                break; // past the last control
            }

            order.Add(focused[0]);
            if (focused[1] == "no")
            {
                unmarked.Add(focused[0]);
            }
        }

        await ScreenshotAsync(page, "keyboard-focus");
        int At(string name) => order.IndexOf(name);

        Assert.Multiple(() =>
        {
            Assert.That(droppedName, Is.EqualTo("dropped"), "the dropped file was read and named the session");
            Assert.That(onAdd, Is.EqualTo("Add"));
            Assert.That(afterAdd, Does.Contain("1. Descriptive statistics"), "the new analysis has the focus");
            Assert.That(order, Does.Contain("dataset").And.Contain("add-type").And.Contain("session-name"), string.Join(" → ", order));
            Assert.That(new[] { At("Analysis"), At("dataset"), At("add-type"), At("session-name"), At("Run the analyses") }, Is.Ordered.And.All.GreaterThanOrEqualTo(0), string.Join(" → ", order));
            Assert.That(unmarked, Is.Empty, "every focused control shows the focus outline");
        });
    }

    [Test]
    public async Task WithoutAKey_TheAppAsksForOne_SaysWhenItIsRefused_AndKeepsItOutOfTheAddress()
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        _current = page;
        await page.GotoAsync($"{_base}/");
        await page.GetByLabel("API key").FillAsync("not-a-key-of-this-service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByText("The service did not accept that key.").WaitForAsync();
        await ScreenshotAsync(page, "key-refused");
        var promptViolations = await SeriousViolationsAsync(page);

        await page.GetByLabel("API key").FillAsync(ApiFactory.AliceKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" }).WaitForAsync();

        // A key from the link's fragment is kept for the tab and taken out of the address bar.
        var linked = await context.NewPageAsync();
        await linked.GotoAsync($"{_base}/#key={ApiFactory.AliceKey}");
        await linked.GetByRole(AriaRole.Heading, new() { Name = "Your sessions" }).WaitForAsync();

        Assert.Multiple(() =>
        {
            Assert.That(promptViolations, Is.Empty, "axe-core on the key prompt");
            Assert.That(linked.Url, Is.EqualTo($"{_base}/"), "the key is not left in the address bar");
        });
    }

    [Test]
    public async Task TheSessionsList_FollowsAPendingSession_WithoutAReload()
    {
        using var api = _idle.CreateClient();
        var id = await api.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "listed while pending");
        var page = await OpenAsync(at: _idleBase);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "listed while pending" });
        await row.GetByRole(AriaRole.Cell, new() { Name = "pending", Exact = true }).WaitForAsync();

        using var cancelled = await api.PostAsync($"/api/session/{id}/cancel", null);
        await row.GetByRole(AriaRole.Cell, new() { Name = "cancelled", Exact = true }).WaitForAsync(new() { Timeout = 10_000 });

        Assert.That(cancelled.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task WithoutTheEventStream_ThePageFollowsTheSessionByLongPolling()
    {
        using var api = _idle.CreateClient();
        var id = await api.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "polled");
        var page = await OpenAsync(at: _idleBase);
        var polls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => polls.Enqueue(request.Url);
        await page.RouteAsync("**/events", route => route.AbortAsync()); // as behind a proxy that does not pass streams
        await page.GotoAsync($"{_idleBase}/sessions/{id}");
        await page.GetByText("Status: pending").WaitForAsync();
        for (var tries = 0; tries < 100 && !polls.Any(u => u.EndsWith("?wait=30", StringComparison.Ordinal)); tries++)
        {
            await Task.Delay(100); // until the page holds a long poll (it may have sent it before the text showed)
        }

        // Changed behind the page's back: the held long poll answers at the change.
        using var cancelled = await api.PostAsync($"/api/session/{id}/cancel", null);
        await page.GetByText("Status: cancelled").WaitForAsync(new() { Timeout = 10_000 });

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That(polls, Has.Some.EndsWith($"/api/session/{id}/events"), "the stream was tried first");
            Assert.That(polls, Has.Some.EndsWith($"/api/session/{id}/status?wait=30"), "then long polling with the ETag");
        });
    }

    [Test]
    public async Task APendingSession_IsCancelledFromItsPage_AfterConfirming()
    {
        using var api = _idle.CreateClient();
        var id = await api.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""", "waiting");
        var page = await OpenAsync(at: _idleBase);
        await page.GotoAsync($"{_idleBase}/sessions/{id}");
        await page.GetByText("Status: pending").WaitForAsync();
        var asked = "";
        page.Dialog += (_, dialog) =>
        {
            asked = dialog.Message;
            dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel session" }).ClickAsync();
        await page.GetByText("Status: cancelled").WaitForAsync();
        await ScreenshotAsync(page, "cancelled-session");

        Assert.Multiple(async () =>
        {
            Assert.That(asked, Does.StartWith("Cancel this session?"));
            Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Cancel session" }).CountAsync(), Is.Zero, "nothing left to cancel");
        });
    }
}
