namespace Analysis.Tests.Api;

/// <summary>
/// The web app (Analysis.Web, built into Analysis.Api/webapp by the API's build when Node.js is there) is served at
/// <c>/</c> and for a session's page <c>/sessions/{id}</c>, anonymously, under a policy that lets it load its own
/// assets and call the API only; everything else keeps the API's answers.
/// </summary>
public sealed class WebAppServingTests
{
    private ApiFactory _factory = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        if (!File.Exists(RepositoryRoot.Of("Analysis.Api", "webapp", "index.html")))
        {
            Assert.Ignore("The web app is not built (the API's build builds it when Node.js is installed).");
        }

        _factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        _anonymous = _factory.CreateAnonymousClient();
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        _anonymous?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [TestCase("/")]
    [TestCase("/sessions/0193b6f0-0000-7000-8000-000000000001")]
    [TestCase("/datasets")]
    [TestCase("/datasets/0193b6f0-0000-7000-8000-000000000001")]
    public async Task AppPages_AreServedAnonymously_WithAPolicyForTheAppItself(string path)
    {
        using var response = await _anonymous.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<div id=\"app\"></div>"));
            Assert.That(policy, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("http"));
        });
    }

    [Test]
    public async Task TheAppsScript_IsServed_AndTheApiKeepsItsOwnAnswers()
    {
        using var page = await _anonymous.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var asset = await _anonymous.GetAsync(script);
        using var unknownApi = await _factory.CreateClient().GetAsync("/api/nothing-here");
        using var otherPath = await _anonymous.GetAsync("/not-an-app-page");

        Assert.Multiple(async () =>
        {
            Assert.That(script, Is.Not.Empty);
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(asset.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/javascript"));
            Assert.That(unknownApi.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await unknownApi.Content.ReadAsStringAsync(), Does.StartWith("{\"success\":false"));
            Assert.That(otherPath.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "only / and /sessions/… are the app's");
        });
    }
}
