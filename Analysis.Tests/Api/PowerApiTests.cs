using System.Text;

namespace Analysis.Tests.Api;

/// <summary>
/// <c>POST /api/power</c> (issue #21): each test solved for a quantity as R solves it (the R call beside each; R's
/// uniroot at tol = 1e-12), answered at once without a dataset; every malformed request a 400 naming the field.
/// </summary>
public sealed class PowerApiTests
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

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("/api/power", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Test]
    public async Task SampleSize_OfATwoSampleTTest_IsRs()
    {
        // R: power.t.test(delta = 1, power = 0.9, tol = 1e-12)$n = 22.021095570093962
        var (status, body) = await PostAsync("""{"test": "t", "delta": 1, "power": 0.9}""");
        var power = body["power"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(power["n"]!.GetValue<double>(), Is.EqualTo(22.021095570093962).Within(1e-8));
            Assert.That(power.Select(p => p.Key), Is.EqualTo(new[]
            {
                "test", "n", "delta", "sd", "sigLevel", "power", "type", "alternative", "strict", "solvedFor", "method", "note",
            }));
            Assert.That((power["sd"]!.GetValue<double>(), power["sigLevel"]!.GetValue<double>(), power["solvedFor"]!.GetValue<string>()), Is.EqualTo((1.0, 0.05, "n")));
            Assert.That(power["method"]!.GetValue<string>(), Is.EqualTo("Two-sample t test power calculation"));
        });
    }

    [TestCase("""{"test": "t", "n": 30, "delta": 0.6, "power": 0.8, "sigLevel": null}""", "sigLevel", 0.1441075476787492)] // R: power.t.test(n = 30, delta = 0.6, power = 0.8, sig.level = NULL, tol = 1e-12)
    [TestCase("""{"test": "t", "n": 20, "power": 0.9, "type": "paired", "alternative": "one.sided"}""", "delta", 0.67915199652059621)] // R: power.t.test(n = 20, power = 0.9, type = "paired", alternative = "one.sided", tol = 1e-12)
    [TestCase("""{"test": "t", "n": 5, "delta": 0.5, "strict": true}""", "power", 0.10768598979818367)] // R: power.t.test(n = 5, delta = 0.5, strict = TRUE)
    [TestCase("""{"test": "proportion", "p1": 0.5, "p2": 0.75, "power": 0.9}""", "n", 76.706928451777443)] // R: power.prop.test(p1 = .5, p2 = .75, power = .9, tol = 1e-12)
    [TestCase("""{"test": "proportion", "n": 50, "p1": 0.5, "p2": 0.75}""", "power", 0.74016590133138793)] // R: power.prop.test(n = 50, p1 = .5, p2 = .75)
    [TestCase("""{"test": "anova", "groups": 4, "n": 5, "betweenVar": 1, "withinVar": 3}""", "power", 0.35355942381530236)] // R: power.anova.test(groups = 4, n = 5, between.var = 1, within.var = 3)
    [TestCase("""{"test": "anova", "groups": 4, "betweenVar": 1, "withinVar": 3, "power": 0.8}""", "n", 11.926111165703819)] // R: uniroot on power.anova.test's power, tol = 1e-12
    public async Task EachTest_SolvesTheQuantityLeftOut_AsR(string request, string solved, double expected)
    {
        var (status, body) = await PostAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["power"]!["solvedFor"]!.GetValue<string>(), Is.EqualTo(solved));
            Assert.That(body["power"]![solved]!.GetValue<double>(), Is.EqualTo(expected).Within(1e-6 * expected));
        });
    }

    [TestCase("""{"test": "t", "n": 20, "delta": 1, "power": 0.9}""", "$", "Exactly one of \"n\", \"delta\", \"sd\", \"power\", \"sigLevel\" must be left out (or null) to be solved for; none is. (sd and sigLevel default to 1 and 0.05: send null to solve for one of them.)")]
    [TestCase("""{"test": "t", "delta": 1}""", "$", "Exactly one of \"n\", \"delta\", \"sd\", \"power\", \"sigLevel\" must be left out (or null) to be solved for; \"n\", \"power\" are. (sd and sigLevel default to 1 and 0.05: send null to solve for one of them.)")]
    [TestCase("""{"delta": 1, "power": 0.9}""", "test", "Required: \"t\", \"proportion\" or \"anova\".")]
    [TestCase("""{"test": "z"}""", "test", "Required: \"t\", \"proportion\" or \"anova\".")]
    [TestCase("""{"test": "t", "delta": 1, "power": 1.5}""", "power", "Must be between 0 and 1.")]
    [TestCase("""{"test": "t", "delta": "one", "power": 0.9}""", "delta", "Must be a number, or null to solve for it.")]
    [TestCase("""{"test": "t", "delta": 1, "power": 0.9, "type": "three.sample"}""", "type", "Must be \"two.sample\" or \"one.sample\" or \"paired\".")]
    [TestCase("""{"test": "t", "delta": 1, "power": 0.9, "strict": "yes"}""", "strict", "Must be true or false.")]
    [TestCase("""{"test": "anova", "groups": 1, "n": 5, "betweenVar": 1, "withinVar": 3}""", "groups", "Must be at least 2.")]
    [TestCase("""{"test": "proportion", "n": 50, "p1": 0.5, "p2": 0.75, "delta": 2}""", "delta", "Not a field of the proportion calculation; it takes \"n\", \"p1\", \"p2\", \"sigLevel\", \"power\", \"alternative\", \"strict\".")]
    [TestCase("""{"test": "proportion", "n": 5, "p1": 0.5, "power": 0.9999}""", "p2", "No value of \"p2\" in the range R searches reaches what the other quantities ask for (a power that high, or a difference that small).")]
    public async Task BadRequests_AreA400NamingTheField(string request, string field, string message)
    {
        var (status, body) = await PostAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
            Assert.That(body["success"]!.GetValue<bool>(), Is.False);
            Assert.That(body["errors"]![field]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { message }), body.ToJsonString());
        });
    }

    [Test]
    public async Task NotJson_OrTooLarge_OrWithoutAKey_IsRefused()
    {
        var (notJson, notJsonBody) = await PostAsync("{test: t");
        var (large, largeBody) = await PostAsync($$"""{"test": "t", "note": "{{new string('x', 20_000)}}"}""");
        using var anonymous = _factory.CreateAnonymousClient();
        using var unauthorized = await anonymous.PostAsync("/api/power", new StringContent("""{"test": "t", "delta": 1, "power": 0.9}""", Encoding.UTF8, "application/json"));

        Assert.Multiple(() =>
        {
            Assert.That((notJson, notJsonBody["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.BadRequest, "The body is not valid JSON: send {\"test\": \"t\" | \"proportion\" | \"anova\", ...}.")));
            Assert.That((large, largeBody["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.BadRequest, "The body is larger than a power calculation needs (16 KB at most).")));
            Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
