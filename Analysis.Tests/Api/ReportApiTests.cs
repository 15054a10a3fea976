using System.Globalization;

namespace Analysis.Tests.Api;

/// <summary>
/// The session report (issue #20): for sessions of every type and option, each analysis's APA sentence is the one its
/// stored numbers give (worked out here on their own, type by type, from the results the API returns), every analysis
/// has its tables and its R call, and the Markdown form says the same. The page's self-containment, accessibility
/// and printing are checked in a browser (<c>BrowserTests.Report</c>).
/// </summary>
public sealed class ReportApiTests
{
    private const char Minus = '\u2212';
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static string F2(double x) => Fixed(x, 2);

    private static string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x))
        {
            return "NA"; // a number the service could not give (null): APA has no form for it
        }

        var text = x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? (text.Trim('-', '0', '.').Length == 0 ? text[1..] : Minus + text[1..]) : text;
    }

    private static string Bounded(double x) => F2(x).Replace("0.", ".", StringComparison.Ordinal);


    private static string P(double p) =>
        double.IsNaN(p) ? "p = NA" : p < 0.001 ? "p < .001" : "p = " + p.ToString("F3", CultureInfo.InvariantCulture) switch { ['0', '.', ..] and var t => t[1..], var t => t };

    private static string Df(double df) => df == Math.Round(df) ? ((int)df).ToString(CultureInfo.InvariantCulture) : F2(df);

    private static string Ci(double level, JsonNode interval) =>
        $"{(level * 100).ToString("0.#", CultureInfo.InvariantCulture)}% CI [{F2(D(interval[0]))}, {F2(D(interval[1]))}]";

    private static double D(JsonNode? node) => node is null ? double.NaN : node.GetValue<double>();

    private static int I(JsonNode? node) => node!.GetValue<int>();

    /// <summary>The APA sentence of a stored result, from its numbers, as docs/api.md describes it for its type.</summary>
    private static string Expected(JsonObject r)
    {
        string Each(string key, Func<string, JsonNode, string> one) => string.Join("; ", r[key]!.AsObject().Select(p => one(p.Key, p.Value!)));
        switch (r["type"]!.GetValue<string>())
        {
            case "descriptive":
                return Each("columns", (c, s) => $"{c}: M = {F2(D(s["mean"]))}, SD = {F2(D(s["std"]))}, Mdn = {F2(D(s["median"]))}, n = {I(s["count"])}");
            case "ttest":
                return $"t({Df(D(r["df"]))}) = {F2(D(r["statistic"]))}, {P(D(r["pValue"]))}, d = {F2(D(r["cohensD"]))}, " +
                    $"{Ci(D(r["confidenceLevel"]), r["confidenceInterval"]!)} for the {(r["kind"]!.GetValue<string>() == "one-sample" ? "mean" : "difference")} ({F2(D(r["estimate"]))})";
            case "anova":
                return $"F({I(r["dfBetween"])}, {I(r["dfWithin"])}) = {F2(D(r["fStatistic"]))}, {P(D(r["pValue"]))}, η² = {Bounded(D(r["etaSquared"]))}";
            case "correlation":
                var columns = r["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
                var symbol = r["method"]!.GetValue<string>() switch { "spearman" => "ρ", "kendall" => "τ", _ => "r" };
                return string.Join("; ", from i in Enumerable.Range(0, columns.Count)
                                         from j in Enumerable.Range(i + 1, columns.Count - i - 1)
                                         select $"{columns[i]} and {columns[j]}: {symbol}({(r["nMatrix"] is { } counts ? I(counts[i]![j]) : I(r["n"])) - 2}) = {Bounded(D(r["matrix"]![i]![j]))}, {P(D(r["pValues"]![i]![j]))}" +
                                             (r["pValuesAdjusted"] is { } adjusted ? $" ({r["pAdjust"]!.GetValue<string>()}-adjusted {P(D(adjusted[i]![j]))})" : string.Empty));
            case "regression":
                return $"R² = {Bounded(D(r["rSquared"]))}, adjusted R² = {Bounded(D(r["adjustedRSquared"]))}, " +
                    $"F({r["coefficients"]!.AsArray().Count - 1}, {I(r["dfResidual"])}) = {F2(D(r["fStatistic"]))}, {P(D(r["fPValue"]))}";
            case "logistic":
                // Its p from the χ² distribution (Distributions.ChiSquareUpper, itself tested against R's pchisq).
                var drop = D(r["nullDeviance"]) - D(r["deviance"]);
                var df = I(r["dfNull"]) - I(r["dfResidual"]);
                return $"χ²({df}) = {F2(drop)}, {P(Analysis.Domain.Statistics.Distributions.ChiSquareUpper(drop, df))} (deviance {F2(D(r["deviance"]))} against " +
                    $"{F2(D(r["nullDeviance"]))} for the intercept alone), AIC = {F2(D(r["aic"]))}, event: {r["event"]!.GetValue<string>()}";
            case "chisquare":
                return $"χ²({I(r["df"])}, N = {I(r["n"])}) = {F2(D(r["statistic"]))}, {P(D(r["pValue"]))}";
            case "fisher":
                return r["oddsRatio"] is { } ratio
                    ? $"Fisher's exact test, {P(D(r["pValue"]))}, OR = {F2(D(ratio))}, {Ci(D(r["confidenceLevel"]), r["confidenceInterval"]!)}"
                    : $"Fisher's exact test, {P(D(r["pValue"]))}";
            case "mannwhitney":
                return $"W = {F2(D(r["statistic"]))}, {P(D(r["pValue"]))}, r = {Bounded(D(r["rankBiserial"]))} (rank-biserial)";
            case "wilcoxon":
                return $"V = {F2(D(r["statistic"]))}, {P(D(r["pValue"]))}";
            case "kruskal":
                return $"H({I(r["df"])}) = {F2(D(r["statistic"]))}, {P(D(r["pValue"]))}";
            case "levene":
                return $"F({I(r["dfBetween"])}, {I(r["dfWithin"])}) = {F2(D(r["fStatistic"]))}, {P(D(r["pValue"]))}";
            case "shapiro":
                return Each("columns", (c, s) => s["statistic"] is null
                    ? $"{c}: {s["error"]!.GetValue<string>()}" // a column with no test says why
                    : $"{c}: W = {Fixed(D(s["statistic"]), 3).Replace("0.", ".", StringComparison.Ordinal)}, {P(D(s["pValue"]))}");
            case "tukey":
                return string.Join("; ", r["comparisons"]!.AsArray().Select(c =>
                    $"{c!["groups"]![1]!.GetValue<string>()} − {c["groups"]![0]!.GetValue<string>()}: {F2(D(c["difference"]))}, {Ci(D(r["confidenceLevel"]), c["confidenceInterval"]!)}, {P(D(c["pValue"]))}"));
            case "pairwise":
                var method = r["method"]!.GetValue<string>();
                var family = r["pAdjust"]!.GetValue<string>();
                return $"{char.ToUpperInvariant(method[0])}{method[1..]}{(family == "none" ? string.Empty : $", {family}-adjusted")}: " +
                    string.Join("; ", r["comparisons"]!.AsArray().Select(c =>
                        $"{c!["groups"]![0]!.GetValue<string>()} vs {c["groups"]![1]!.GetValue<string>()}: {P(D(c["pValueAdjusted"]))}" +
                        (family == "none" ? string.Empty : $" (unadjusted {P(D(c["pValue"]))})")));
            default:
                throw new AssertionException($"No APA sentence written here for {r["type"]}: add it.");
        }
    }

    [TestCase("mtcars")]
    [TestCase("mixed")]
    public async Task Report_OfEveryTypeAndOption_SaysEachAnalysisInTheApaSentenceItsStoredNumbersGive(string dataset)
    {
        var (csv, plan) = dataset == "mtcars"
            ? (File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mtcars.csv")), EveryTypePlans.Mtcars)
            : (EveryTypePlans.MixedCsv(), EveryTypePlans.Mixed);
        var id = await _client.CreateSessionAsync(csv, plan, $"Report on {dataset}");
        await _client.WaitForStatusAsync(id, "completed");
        var results = (await _client.GetJsonAsync($"/api/session/{id}/results"))["results"]!.AsArray().Select(r => r!.AsObject()).ToList();

        using var html = await _client.GetAsync($"/api/session/{id}/report");
        var page = await html.Content.ReadAsStringAsync();
        using var md = await _client.GetAsync($"/api/session/{id}/report?format=md");
        var markdown = await md.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(html.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(md.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/markdown; charset=utf-8"));
            Assert.That(page, Does.Contain($"<h1>Report on {dataset}</h1>"));
            Assert.That(page, Does.Contain("<dt>SHA-256 of the file</dt>").And.Contain("<dt>Computed by</dt><dd>Analysis 1.0.0+"));
            for (var i = 0; i < results.Count; i++)
            {
                var sentence = Expected(results[i]);
                Assert.That(page, Does.Contain($"<p class=\"apa\">{WebUtility.HtmlEncode(sentence)}</p>"), $"analysis {i + 1} ({results[i]["type"]}) in HTML");
                Assert.That(page, Does.Contain(WebUtility.HtmlEncode(results[i]["r"]!.GetValue<string>())), $"analysis {i + 1}'s R call");
                Assert.That(page, Does.Contain($"<caption>{i + 1}. "), $"analysis {i + 1} has a table");
                Assert.That(markdown, Does.Contain($"## {i + 1}. "), $"analysis {i + 1} in Markdown");
                Assert.That(markdown, Does.Contain("```r\n" + results[i]["r"]!.GetValue<string>() + "\n```"), $"analysis {i + 1}'s R call in Markdown");
                if (results[i]["checks"]?["reading"] is { } reading)
                {
                    Assert.That(page, Does.Contain(WebUtility.HtmlEncode($"assumption checks — {reading.GetValue<string>()}")), $"analysis {i + 1}'s checks, titled by their reading");
                }

                if (results[i]["effectSizes"] is JsonArray)
                {
                    Assert.That(markdown, Does.Match($@"Table: {i + 1}\. [^\n]*: effect sizes\n\n\| Measure \| Estimate \| Confidence interval \|"), $"analysis {i + 1}'s effect sizes");
                }
            }
        });
    }

    [Test]
    public async Task Report_ShowsWarningsAndTheGroupChart_AndItsMarkdownHasTheSameTables()
    {
        var id = await _client.CreateSessionAsync(ApiClient.SleepCsv, """
            [{"type":"ttest","column":"extra","groupBy":"group"},{"type":"mannwhitney","column":"extra","groupBy":"group"}]
            """, "Sleep *study*");
        await _client.WaitForStatusAsync(id, "completed");

        var page = await _client.GetStringAsync($"/api/session/{id}/report");
        var markdown = await _client.GetStringAsync($"/api/session/{id}/report?format=md");

        Assert.Multiple(() =>
        {
            // t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939; 95% CI -3.3654832 0.2054832.
            Assert.That(page, Does.Contain("<p class=\"apa\">t(17.78) = −1.86, p = .079, d = −0.83, 95% CI [−3.37, 0.21] for the difference (−1.58)</p>"));
            Assert.That(page, Does.Match("<figure><svg role=\"img\" aria-label=\"Each group(&apos;|')s mean \\(dot\\) with one standard deviation either side \\(line\\)\"[^>]*><title>[^<]*</title><text [^>]*>1</text><line [^>]*/><circle [^>]*/>"));
            // wilcox.test(extra ~ group, data = sleep) warns: cannot compute exact p-value with ties.
            Assert.That(page, Does.Match("<ul class=\"warnings\" aria-label=\"Warnings\">\\n<li>[^<]*ties"));
            Assert.That(markdown, Does.StartWith("# Sleep \\*study\\*\n\n- **Session:** "));
            Assert.That(markdown, Does.Contain("Table: 1. ttest extra by group: groups\n\n| Group | N | M | SD |\n| --- | ---: | ---: | ---: |\n| 1 | 10 | 0.75 | 1.789 |\n| 2 | 10 | 2.33 | 2.002 |\n"));
            Assert.That(markdown, Does.Contain("> Warning: "));
        });
    }

    [Test]
    public async Task Report_BeforeCompletion_Is409_AnotherOwnersIs404_AndAnUnknownFormatIs400()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive","columns":["extra"]}]""");

        var (pending, pendingBody) = await client.SendAsync(HttpMethod.Get, $"/api/session/{id}/report");
        var (others, _) = await bob.SendAsync(HttpMethod.Get, $"/api/session/{id}/report?format=md");
        var (format, formatBody) = await client.SendAsync(HttpMethod.Get, $"/api/session/{id}/report?format=pdf");

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(pendingBody, Does.Contain("\"error\":\"The report is not available: the session is pending\""));
            Assert.That(others, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(format, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(formatBody, Does.Contain("\"format\":[\"Must be html (the default) or md.\"]"));
        });
    }
}
