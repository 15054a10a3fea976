namespace Analysis.Tests.Api;

/// <summary>The JSON of every analysis type as docs/api.md lists its fields, through the whole service.</summary>
[TestFixture(Providers.Sqlite)]
[TestFixture(Providers.Postgres)]
public sealed class ResultsShapeApiTests(string provider) : BothDatabases(provider)
{
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

    private static string Mtcars() => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mtcars.csv"));

    private async Task<(JsonObject Status, JsonArray Results)> RunAsync(string csv, string plan)
    {
        var id = await _client.CreateSessionAsync(csv, plan);
        var status = await _client.WaitForStatusAsync(id, "completed");
        var body = await _client.GetJsonAsync($"/api/session/{id}/results");
        return (status, body["results"]!.AsArray());
    }

    private static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key)];

    [Test]
    public async Task Results_OfEveryType_HaveTheFieldsOfApiMd()
    {
        var (status, results) = await RunAsync(Mtcars(), """
            [{"type":"descriptive","columns":["mpg"]},
             {"type":"correlation","columns":["mpg","wt"]},
             {"type":"ttest","column":"mpg","groupBy":"am"},
             {"type":"ttest","column":"mpg","mu":20},
             {"type":"ttest","columns":["mpg","qsec"],"paired":true},
             {"type":"anova","column":"mpg","groupBy":"cyl"},
             {"type":"regression","dependent":"mpg","independents":["wt","hp"]},
             {"type":"chisquare","columns":["am","vs"]},
             {"type":"levene","column":"mpg","groupBy":"cyl"}]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Keys(results[0]), Is.EqualTo(new[] { "type", "columns", "n", "nExcluded", "r" }));
            Assert.That(Keys(results[0]!["columns"]!["mpg"]), Is.EqualTo(new[] { "count", "missing", "mean", "std", "min", "q1", "median", "q3", "max" }));
            Assert.That(Keys(results[1]), Is.EqualTo(new[] { "type", "method", "columns", "matrix", "pValues", "n", "nExcluded", "confidenceIntervals", "r" }));
            Assert.That(Keys(results[2]), Is.EqualTo(new[] { "type", "kind", "column", "groupBy", "statistic", "df", "pValue", "confidenceInterval", "confidenceLevel", "estimate", "groups", "n", "nExcluded", "cohensD", "effectSizes", "r" }));
            Assert.That(Keys(results[2]!["groups"]![0]), Is.EqualTo(new[] { "name", "n", "mean", "std" }));
            Assert.That(Keys(results[2]!["effectSizes"]![0]), Is.EqualTo(new[] { "name", "estimate", "confidenceInterval", "confidenceLevel", "alternative" }));
            Assert.That(Keys(results[3]), Is.EqualTo(new[] { "type", "kind", "column", "mu", "statistic", "df", "pValue", "confidenceInterval", "confidenceLevel", "estimate", "n", "nExcluded", "cohensD", "effectSizes", "r" }));
            Assert.That(Keys(results[4]), Is.EqualTo(new[] { "type", "kind", "columns", "statistic", "df", "pValue", "confidenceInterval", "confidenceLevel", "estimate", "n", "nExcluded", "cohensD", "effectSizes", "r" }));
            Assert.That(Keys(results[5]), Is.EqualTo(new[] { "type", "column", "groupBy", "fStatistic", "dfBetween", "dfWithin", "pValue", "sumSquaresBetween", "sumSquaresWithin", "groups", "n", "nExcluded", "etaSquared", "effectSizes", "r" }));
            Assert.That(Keys(results[6]), Is.EqualTo(new[] { "type", "dependent", "independents", "n", "nExcluded", "coefficients", "rSquared", "adjustedRSquared", "fStatistic", "fPValue", "residualStdError", "dfResidual", "r" }));
            Assert.That(Keys(results[6]!["coefficients"]![0]), Is.EqualTo(new[] { "term", "estimate", "stdError", "tStatistic", "pValue", "standardizedEstimate" }));
            Assert.That(Keys(results[7]), Is.EqualTo(new[] { "type", "columns", "statistic", "df", "pValue", "rowLevels", "columnLevels", "observed", "expected", "n", "nExcluded", "effectSizes", "r" }));
            Assert.That(Keys(results[8]), Is.EqualTo(new[] { "type", "column", "groupBy", "center", "fStatistic", "dfBetween", "dfWithin", "pValue", "n", "nExcluded", "r" }));
            Assert.That(results[2]!["kind"]!.GetValue<string>(), Is.EqualTo("welch"));
            Assert.That(results[3]!["kind"]!.GetValue<string>(), Is.EqualTo("one-sample"));
            Assert.That(results[4]!["kind"]!.GetValue<string>(), Is.EqualTo("paired"));
            Assert.That(status["summary"]!["highlights"]!.AsArray().Select(h => h!.GetValue<string>()), Is.EqualTo(new[]
            {
                "descriptive mpg: n = 32; mpg mean = 20.09, sd = 6.027",
                "correlation (pearson) of mpg, wt: n = 32; strongest r(mpg, wt) = -0.8677, p = 1.29e-10",
                "ttest mpg by am: t = -3.767, df = 18.33, p = 0.00137",
                "ttest mpg vs mu = 20: t = 0.08506, df = 31, p = 0.933",
                "ttest paired mpg - qsec: t = 2.296, df = 31, p = 0.0286",
                "anova mpg by cyl: F = 39.7, df = 2, 29, p = 4.98e-09",
                "regression mpg ~ wt + hp: R² = 0.8268, adj. R² = 0.8148, F = 69.21 on 2 and 29 df, p = 9.11e-12",
                "chisquare am by vs: X² = 0.3475, df = 1, p = 0.556",
                "levene mpg by cyl: F = 5.507, df = 2, 29, p = 0.00939",
            }));
        });
    }

    [Test]
    public async Task Results_OfTheNextTools_HaveTheFieldsOfApiMd_AndAHighlightEach()
    {
        // The highlights' numbers are R's (rounded): wilcox.test(mpg ~ am) W = 42, p = 0.001871; wilcox.test(mpg, qsec,
        // paired = TRUE) V = 367, p = 0.05448 (exact); wilcox.test(mpg, mu = 20) V = 249, p = 0.7863; kruskal.test(mpg ~ cyl)
        // 25.746, p = 2.566e-06; the others as in NextToolsVsRTests.
        var (status, results) = await RunAsync(Mtcars(), """
            [{"type":"mannwhitney","column":"mpg","groupBy":"am"},
             {"type":"wilcoxon","columns":["mpg","qsec"]},
             {"type":"wilcoxon","column":"mpg","mu":20},
             {"type":"kruskal","column":"mpg","groupBy":"cyl"},
             {"type":"shapiro","columns":["mpg","hp"]},
             {"type":"levene","column":"mpg","groupBy":"cyl","center":"mean"},
             {"type":"tukey","column":"mpg","groupBy":"cyl"},
             {"type":"fisher","columns":["am","vs"]},
             {"type":"logistic","dependent":"am","independents":["wt","hp"]},
             {"type":"correlation","method":"kendall","columns":["mpg","wt"]}]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(Keys(results[0]), Is.EqualTo(new[] { "type", "column", "groupBy", "kind", "statistic", "pValue", "rankBiserial", "groups", "n", "nExcluded", "effectSizes", "warnings", "r" }));
            Assert.That(Keys(results[0]!["groups"]![0]), Is.EqualTo(new[] { "name", "n", "median" }));
            Assert.That(Keys(results[1]), Is.EqualTo(new[] { "type", "kind", "columns", "statistic", "pValue", "n", "nExcluded", "zeros", "effectSizes", "r" }));
            Assert.That(Keys(results[2]), Is.EqualTo(new[] { "type", "kind", "column", "mu", "statistic", "pValue", "n", "nExcluded", "zeros", "effectSizes", "warnings", "r" }));
            Assert.That(Keys(results[3]), Is.EqualTo(new[] { "type", "column", "groupBy", "statistic", "df", "pValue", "groups", "n", "nExcluded", "effectSizes", "warnings", "r" }));
            Assert.That(Keys(results[3]!["groups"]![0]), Is.EqualTo(new[] { "name", "n", "meanRank" }));
            Assert.That(Keys(results[4]), Is.EqualTo(new[] { "type", "columns", "n", "nExcluded", "r" }));
            Assert.That(Keys(results[4]!["columns"]!["mpg"]), Is.EqualTo(new[] { "n", "statistic", "pValue" }));
            Assert.That(Keys(results[5]), Is.EqualTo(new[] { "type", "column", "groupBy", "center", "fStatistic", "dfBetween", "dfWithin", "pValue", "n", "nExcluded", "r" }));
            Assert.That(Keys(results[6]), Is.EqualTo(new[] { "type", "column", "groupBy", "confidenceLevel", "comparisons", "dfWithin", "n", "nExcluded", "r" }));
            Assert.That(Keys(results[6]!["comparisons"]![0]), Is.EqualTo(new[] { "groups", "difference", "confidenceInterval", "pValue" }));
            Assert.That(Keys(results[7]), Is.EqualTo(new[] { "type", "columns", "pValue", "oddsRatio", "confidenceInterval", "confidenceLevel", "rowLevels", "columnLevels", "observed", "n", "nExcluded", "r" }));
            Assert.That(Keys(results[8]), Is.EqualTo(new[] { "type", "dependent", "independents", "event", "n", "nExcluded", "coefficients", "deviance", "nullDeviance", "dfResidual", "dfNull", "aic", "r" }));
            Assert.That(Keys(results[8]!["coefficients"]![0]), Is.EqualTo(new[] { "term", "estimate", "stdError", "zStatistic", "pValue", "oddsRatio", "oddsRatioInterval" }));
            Assert.That(results[9]!["method"]!.GetValue<string>(), Is.EqualTo("kendall"));
            Assert.That(status["summary"]!["highlights"]!.AsArray().Select(h => h!.GetValue<string>()), Is.EqualTo(new[]
            {
                "mannwhitney mpg by am: W = 42, p = 0.00187 (normal)",
                "wilcoxon paired mpg - qsec: V = 367, p = 0.0545 (exact)",
                "wilcoxon mpg vs mu = 20: V = 249, p = 0.786 (normal)",
                "kruskal mpg by cyl: χ² = 25.75, df = 2, p = 2.57e-06",
                "shapiro mpg, hp: smallest p = 0.0488 (hp, W = 0.9334)",
                "levene mpg by cyl: F = 6.484, df = 2, 29, p = 0.0047",
                "tukey mpg by cyl: 3 pairs, smallest p = 2.54e-09 (8 - 4: -11.56)",
                "fisher am by vs: odds ratio = 1.956, p = 0.473",
                "logistic am ~ wt + hp: deviance = 10.06 on 29 df (null 43.23 on 31), AIC = 16.06",
                "correlation (kendall) of mpg, wt: n = 32; strongest r(mpg, wt) = -0.7278, p = 6.71e-09",
            }));
        });
    }

    [Test]
    public async Task Results_WhenSomethingCannotBeComputed_CarryErrorOrNullsAndTheSessionCompletes()
    {
        var (status, results) = await RunAsync("x,k,y\n1,5,2\n2,5,4.5\n3,5,5\n4,5,9\n", """
            [{"type":"correlation","columns":["x","k","y"]},
             {"type":"ttest","column":"k","mu":1},
             {"type":"regression","dependent":"y","independents":["x","k"]}]
            """);
        var text = results.ToJsonString();

        Assert.Multiple(() =>
        {
            Assert.That(status["summary"]!["analysesFailed"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(results[0]!["matrix"]![0]![1], Is.Null, "r with a constant column is null, not NaN");
            Assert.That(results[0]!["pValues"]![1]![2], Is.Null);
            Assert.That(results[0]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()), Is.EqualTo(new[] { "Column 'k' is constant in the rows used: its correlations are null." }));
            Assert.That(results[1]!.ToJsonString(), Is.EqualTo("""{"type":"ttest","column":"k","mu":1,"confidenceLevel":0.95,"n":4,"nExcluded":0,"error":"The data are essentially constant: the t statistic is undefined.","r":"t.test(d[[\u0022k\u0022]], mu = 1, conf.level = 0.95)"}"""));
            Assert.That(Keys(results[2]), Is.EqualTo(new[] { "type", "dependent", "independents", "n", "nExcluded", "error", "r" }));
            Assert.That(text, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
        });
    }

    /// <summary>
    /// 30 rows (0-based): x missing in rows 3 and 7, y in 7 and 12, g in 15, h in 20, e in 25, c in 28; h cycles p, q, r
    /// (row 3 is p, row 7 is q, row 20 would be r). Every type says the rows it used and the rows it left out.
    /// </summary>
    [Test]
    public async Task Results_OfEveryType_SayTheRowsUsed_AndTheRowsLeftOutForMissingValues()
    {
        var csv = new System.Text.StringBuilder("x,y,g,h,e,c\n");
        for (var i = 0; i < 30; i++)
        {
            var x = (i * 1.3 % 7) + (i / 10.0);
            string Cell(string text, params int[] missing) => missing.Contains(i) ? "NA" : text;
            csv.Append(string.Join(',',
                Cell(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), 3, 7),
                Cell((x + 0.5 + (i % 4 * 0.7)).ToString("R", System.Globalization.CultureInfo.InvariantCulture), 7, 12),
                Cell(i % 2 == 0 ? "a" : "b", 15),
                Cell(new[] { "p", "q", "r" }[i % 3], 20),
                Cell(i * 7 % 5 > 2 ? "1" : "0", 25),
                Cell(i * 3 % 4 > 1 ? "u" : "v", 28))).Append('\n');
        }

        var (_, results) = await RunAsync(csv.ToString(), """
            [{"type":"descriptive","columns":["x","y"]},
             {"type":"correlation","columns":["x","y"]},
             {"type":"ttest","column":"x","groupBy":"g"},
             {"type":"ttest","column":"x","mu":1},
             {"type":"ttest","columns":["x","y"],"paired":true},
             {"type":"ttest","column":"x","groupBy":"h","groups":["p","r"]},
             {"type":"anova","column":"x","groupBy":"h"},
             {"type":"regression","dependent":"y","independents":["x","e"]},
             {"type":"chisquare","columns":["g","c"]},
             {"type":"levene","column":"x","groupBy":"h"},
             {"type":"mannwhitney","column":"x","groupBy":"g"},
             {"type":"wilcoxon","columns":["x","y"]},
             {"type":"kruskal","column":"x","groupBy":"h"},
             {"type":"shapiro","columns":["x"]},
             {"type":"tukey","column":"x","groupBy":"h"},
             {"type":"fisher","columns":["g","c"]},
             {"type":"logistic","dependent":"e","independents":["x"]},
             {"type":"mannwhitney","column":"x","groupBy":"h","groups":["p","r"]}]
            """);

        // (n, nExcluded) by hand from the rows above: listwise, n + nExcluded is the 30 rows, but for descriptive and
        // shapiro (each column on its own: n is the rows) and the two tests of groups p and r (rows of q are not
        // compared: 19 rows have p or r, 3 and 20 are left out).
        (int N, int Excluded)[] expected =
        [
            (30, 0), (27, 3), (27, 3), (28, 2), (27, 3), (18, 2), (27, 3), (26, 4), (28, 2),
            (27, 3), (27, 3), (27, 3), (27, 3), (30, 0), (27, 3), (28, 2), (27, 3), (18, 2),
        ];
        Assert.That(results.Select(r => r!["error"]?.GetValue<string>()), Is.All.Null, results.ToJsonString());
        Assert.That(results.Select(r => (r!["n"]!.GetValue<int>(), r["nExcluded"]!.GetValue<int>())), Is.EqualTo(expected));
    }
}
