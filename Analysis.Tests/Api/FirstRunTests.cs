using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analysis.Tests.Api;

/// <summary>
/// The first run as a newcomer sees it, in a process of its own on a fresh folder (its own database, its own home
/// directory): in Development the console reads as a person's, the web app's address on a line of its own, and
/// nothing warns of what the newcomer cannot act on (a migration's table rebuild, data protection keys); outside
/// Development every line is JSON.
/// </summary>
[NonParallelizable]
public sealed partial class FirstRunTests
{
    /// <summary>A folder laid out as <c>dotnet run</c>'s content root: the service's settings files beside its database.</summary>
    private static string NewContentRoot()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-first-run-").FullName;
        foreach (var settings in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
        {
            File.Copy(settings, Path.Combine(folder, Path.GetFileName(settings)));
        }

        return folder;
    }

    [Test]
    public async Task FirstStartInDevelopment_PrintsTheAddressOnALineOfItsOwn_AndNoWarningANewcomerCannotActOn()
    {
        var folder = NewContentRoot();
        try
        {
            IReadOnlyCollection<string> lines;
            await using (var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["HOME"] = folder, // where data protection would keep a key ring, were one made
                ["Auth__DevelopmentKeyFile"] = Path.Combine(folder, "api-key"),
            }))
            {
                await service.ListeningAsync();
                await WaitForAsync(service, line => line.Contains("Application started", StringComparison.Ordinal));
                lines = [.. service.Lines];
            }

            var key = (await File.ReadAllTextAsync(Path.Combine(folder, "api-key"))).Trim();
            Assert.Multiple(() =>
            {
                Assert.That(lines.Where(l => AddressLine().IsMatch(l)).ToList(), Has.Count.EqualTo(1).And.All.EndsWith($"/#key={key}"),
                    string.Join('\n', lines));
                Assert.That(lines.Where(l => l.StartsWith('{')), Is.Empty, "no JSON in a person's console");
                Assert.That(lines.Where(l => l.Contains(" WARN ", StringComparison.Ordinal) && !l.Contains("DevelopmentKeyNotice", StringComparison.Ordinal)),
                    Is.Empty, "the only warning is the key's notice");
                Assert.That(lines.Where(l => l.Contains("PRAGMA", StringComparison.Ordinal) || l.Contains("XML encryptor", StringComparison.Ordinal)), Is.Empty);
                Assert.That(Directory.Exists(Path.Combine(folder, ".aspnet")), Is.False, "no data protection key ring is written");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task StartInProduction_WritesOneJsonObjectALine()
    {
        var folder = NewContentRoot();
        try
        {
            IReadOnlyCollection<string> lines;
            await using (var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["HOME"] = folder,
                ["Auth__ApiKeys__0__Key"] = "production-key-0123456789",
                ["Auth__ApiKeys__0__Owner"] = "ops",
            }))
            {
                await service.ListeningAsync();
                await WaitForAsync(service, line => line.Contains("Application started", StringComparison.Ordinal));
                lines = [.. service.Lines];
            }

            Assert.Multiple(() =>
            {
                Assert.That(lines, Is.Not.Empty);
                foreach (var line in lines)
                {
                    Assert.That(() => JsonDocument.Parse(line).Dispose(), Throws.Nothing, line);
                }

                Assert.That(lines.Where(l => l.Contains("\"level\":\"WARN\"", StringComparison.Ordinal)), Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task FirstStartOnAFreshPostgresDatabase_LogsNoWarningOrError_AndAFirstSessionRuns()
    {
        var database = Postgres.PostgresServer.NewDatabase();
        var folder = NewContentRoot();
        try
        {
            IReadOnlyCollection<string> lines;
            await using (var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["HOME"] = folder,
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Analysis"] = database,
                ["Auth__ApiKeys__0__Key"] = "production-key-0123456789",
                ["Auth__ApiKeys__0__Owner"] = "ops",
            }))
            {
                var address = await service.ListeningAsync();
                await WaitForAsync(service, line => line.Contains("Application started", StringComparison.Ordinal));
                using var client = new HttpClient { BaseAddress = new Uri(address) };
                client.DefaultRequestHeaders.Add("X-Api-Key", "production-key-0123456789");
                var id = await client.CreateSessionAsync(ApiClient.SleepCsv, """[{"type":"descriptive"}]""");
                await client.WaitForStatusAsync(id, "completed");
                lines = [.. service.Lines];
            }

            // Both the start (migrations on an empty database, the change listener, the first claims) and a first
            // session: EF's "Failed executing DbCommand" for the history table and its "First without OrderBy"
            // warning were lines an operator alerting on them could not act on.
            Assert.That(lines.Where(l => l.Contains("\"level\":\"WARN\"", StringComparison.Ordinal) || l.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal)),
                Is.Empty, string.Join('\n', lines));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await Postgres.PostgresServer.DropAsync(database);
        }
    }

    private static async Task WaitForAsync(ServiceProcess service, Func<string, bool> seen)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!service.Lines.Any(seen))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the service did not finish starting:\n" + string.Join('\n', service.Lines));
            await Task.Delay(50);
        }

        await Task.Delay(200); // the asynchronous console target writes what came just before
    }

    [GeneratedRegex(@"^    http://127\.0\.0\.1:\d+/#key=ak_[0-9a-f]+$")]
    private static partial Regex AddressLine();
}
