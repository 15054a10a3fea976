using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;


namespace Analysis.Tests.Api;

/// <summary>
/// R as a permanent referee (issue #20): a session holding every analysis type and option, on datasets with numeric
/// and text groupings, missing values, categorical predictors, ties and a column name with a space, is downloaded as
/// its R script and its dataset's CSV and run through <c>Rscript</c> — which recomputes every analysis with base R and
/// checks every number the service reported. A number changed in storage makes the script fail, naming it.
/// </summary>
public sealed class RScriptApiTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        if (Rscript() is null)
        {
            Assert.Ignore("Rscript is not installed (apt-get install r-base-core): the R scripts cannot be run.");
        }

        _factory = new ApiFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client?.Dispose();
        _factory?.Dispose();
    }

    private static string? Rscript() =>
        new[] { "/usr/bin/Rscript", "/usr/local/bin/Rscript" }.FirstOrDefault(File.Exists);

    private static string TestData(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name));

    [TestCase("mtcars")]
    [TestCase("mixed")]
    public async Task Script_OfASessionOfEveryTypeAndOption_AgreesWithR(string dataset)
    {
        var (csv, plan) = dataset == "mtcars" ? (TestData("mtcars.csv"), EveryTypePlans.Mtcars) : (EveryTypePlans.MixedCsv(), EveryTypePlans.Mixed);
        var id = await _client.CreateSessionAsync(csv, plan, $"every type on {dataset}");
        await _client.WaitForStatusAsync(id, "completed");
        var results = (await _client.GetJsonAsync($"/api/session/{id}/results"))["results"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r!["type"]!.GetValue<string>()).Distinct(), Is.EquivalentTo(Analysis.Domain.Analyses.AnalysisTypeRegistry.BuiltIn.Names),
                "every type the service has");
            Assert.That(results.Where(r => r!["error"] is not null).Select(r => r!.ToJsonString()), Is.Empty, "every analysis computed (the constant column's null numbers included)");
            Assert.That(results.Where(r => r!["r"] is null).Select(r => r!.ToJsonString()), Is.Empty, "every result carries its R call");
        });

        var (exit, output) = await RunScriptAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Match(@"\nAll \d+ numbers agree with the service\n\n--- stderr ---\n"), output);
            Assert.That(int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"All (\d+) numbers").Groups[1].Value, CultureInfo.InvariantCulture),
                Is.EqualTo(dataset == "mtcars" ? 649 : 649), "every number checked: the count of the numbers the checks name (a check dropped or added changes it)");
        });
    }

    [Test]
    public async Task Script_WhenAStoredNumberIsChanged_ExitsOneNamingIt()
    {
        var id = await _client.CreateSessionAsync(TestData("mtcars.csv"), """
            [{"type":"descriptive","columns":["mpg"]},{"type":"ttest","column":"mpg","groupBy":"am"}]
            """, "changed");
        await _client.WaitForStatusAsync(id, "completed");
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Analysis.Infrastructure.Persistence.AnalysisDbContext>();
            var stored = await db.Results.SingleAsync(r => r.SessionId == Guid.Parse(id));
            var results = System.Text.Json.Nodes.JsonNode.Parse(stored.Json)!.AsArray();
            Assert.That(results[1]!["pValue"]!.GetValue<double>(), Is.EqualTo(0.0013736).Within(1e-7), "R: t.test(mpg ~ am, data = mtcars)$p.value");
            results[1]!["pValue"] = 0.0014;
            db.Entry(stored).Property(r => r.Json).CurrentValue = results.ToJsonString();
            await db.SaveChangesAsync();
        }

        var (exit, output) = await RunScriptAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("Differs: 2. ttest mpg by am: p-value, number 1 of 1\n  R gives:       0.0013736"));
            Assert.That(output, Does.Contain("\n  service gives: 0.0014"));
            Assert.That(output, Does.Not.Contain("agree with the service"));
        });
    }

    [Test]
    public async Task Script_BeforeTheSessionIsCompleted_Is409_AndAnotherOwnersIs404()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        using var bob = factory.CreateClientWithKey(ApiFactory.BobKey);
        var id = await client.CreateSessionAsync(TestData("mtcars.csv"), """[{"type":"descriptive","columns":["mpg"]}]""");

        var (pending, pendingBody) = await client.SendAsync(HttpMethod.Get, $"/api/session/{id}/script.R");
        var (others, othersBody) = await bob.SendAsync(HttpMethod.Get, $"/api/session/{id}/script.R");

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(pendingBody, Does.Contain("\"error\":\"The script is not available: the session is pending\""));
            Assert.That(others, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(othersBody, Does.Contain("\"error\":\"Session not found\""));
        });
    }

    /// <summary>Downloads the script and the dataset's CSV as a user would, and runs <c>Rscript script.R data.csv</c>.</summary>
    private async Task<(int Exit, string Output)> RunScriptAsync(string id)
    {
        using var script = await _client.GetAsync($"/api/session/{id}/script.R");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), await script.Content.ReadAsStringAsync());
        Assert.That(script.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(script.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        var datasetId = (await _client.GetJsonAsync($"/api/session/{id}"))["session"]!["datasetId"]!.GetValue<string>();
        var directory = Directory.CreateTempSubdirectory("analysis-rscript-");
        try
        {
            var scriptPath = Path.Combine(directory.FullName, "session.R");
            var csvPath = Path.Combine(directory.FullName, "data.csv");
            await File.WriteAllBytesAsync(scriptPath, await script.Content.ReadAsByteArrayAsync());
            await File.WriteAllBytesAsync(csvPath, await _client.GetByteArrayAsync($"/api/datasets/{datasetId}/csv"));
            var start = new ProcessStartInfo(Rscript()!, ["--vanilla", scriptPath, csvPath])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["LANG"] = "C.UTF-8" },
            };
            using var r = Process.Start(start)!;
            var stdout = r.StandardOutput.ReadToEndAsync();
            var stderr = r.StandardError.ReadToEndAsync();
            await r.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (r.ExitCode, await stdout + "\n--- stderr ---\n" + await stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
