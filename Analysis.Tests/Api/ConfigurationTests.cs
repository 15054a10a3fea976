using Analysis.Api;
using Analysis.Application;
using Analysis.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Analysis.Tests.Api;

/// <summary>Every configuration section is bound to its options class and checked when the host starts.</summary>
public sealed class ConfigurationTests
{
    [TestCase(null, "700", 700)]
    [TestCase("1500", "700", 1500)]
    [TestCase("1500", null, 1500)]
    public void ClaimInterval_UnderItsOldName_IsStillRead_AndTheNewNameWins(string? claim, string? poll, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analysis:ClaimIntervalMilliseconds"] = claim,
            ["Analysis:PollIntervalMilliseconds"] = poll,
        }.Where(p => p.Value is not null)).Build();

        Assert.That(configuration.GetSection("Analysis").Get<Analysis.Application.Common.AnalysisOptions>()!.ClaimIntervalMilliseconds, Is.EqualTo(expected));
    }

    [Test]
    public void ClaimInterval_UnderItsOldName_IsReadByTheRealHost_WhichShipsNoSettingToOutrankIt()
    {
        // appsettings.json must not carry ClaimIntervalMilliseconds: it would win over an operator's old-name setting.
        using var factory = new ApiFactory(new()
        {
            ["Analysis:ClaimIntervalMilliseconds"] = null,
            ["Analysis:PollIntervalMilliseconds"] = "700",
        });

        Assert.That(factory.Services.GetRequiredService<IOptions<Analysis.Application.Common.AnalysisOptions>>().Value.ClaimIntervalMilliseconds, Is.EqualTo(700));
    }

    [TestCase("Analysis:LeaseSeconds", "1", "Analysis:LeaseSeconds must be at least 3.")]
    [TestCase("Analysis:ClaimIntervalMilliseconds", "5", "Analysis:ClaimIntervalMilliseconds must be at least 10.")]
    [TestCase("Analysis:PollIntervalMilliseconds", "5", "Analysis:ClaimIntervalMilliseconds must be at least 10.")]
    [TestCase("Analysis:MaxRows", "0", "Analysis:MaxDatasetBytes, MaxRows, MaxColumns and MaxCells must be positive.")]
    [TestCase("Analysis:MemoryBudgetBytes", "1000", "Analysis:MemoryBudgetBytes must be at least 64 MiB and Analysis:MemoryWaitSeconds from 0 to 300.")]
    [TestCase("Quotas:CreatesPerMinute", "-1", "Quotas:CreatesPerMinute and Quotas:MaxStoredBytesPerOwner must be 0 (no limit) or more.")]
    [TestCase("Limits:MaxHeldRequests", "0", "Limits:MaxHeldRequests and Limits:MaxHeldRequestsPerOwner must be at least 1.")]
    [TestCase("Analysis:RetentionDays", "-1", "Analysis:RetentionDays must be 0 (keep forever) or more.")]
    [TestCase("Polling:HeartbeatSeconds", "0", "Polling:HeartbeatSeconds must be from 1 to 3600.")]
    [TestCase("Polling:StatusBodyCacheSize", "-5", "Polling:VersionMapCapacity and Polling:StatusBodyCacheSize must not be negative.")]
    [TestCase("RateLimiting:StatusPermitsPerSecond", "-1", "RateLimiting:StatusPermitsPerSecond must be 0 (off) or more.")]
    [TestCase("Auth:ApiKeys:0:KeyHash", "abc", "Auth:ApiKeys:0 must have exactly one of Key and KeyHash.")]
    [TestCase("Auth:ApiKeys:1:KeyHash", "abc", "Auth:ApiKeys:1:KeyHash must be the SHA-256 of the key as 64 hexadecimal digits.")]
    [TestCase("Auth:ApiKeys:0:Key", "short", "Auth:ApiKeys:0:Key must be at least 16 characters.")]
    [TestCase("Analysis:MinFreeDiskBytes", "-1", "Analysis:MinFreeDiskBytes must be 0 (not checked) or more.")]
    [TestCase("Database:ReserveBytes", "-1", "Database:ReserveBytes must be from 0 (no reserve) to 1 TiB.")]
    public void Validate_WhenASettingIsInvalid_NamesIt(string key, string value, string message)
    {
        using var provider = Services(new()
        {
            ["Auth:ApiKeys:0:Key"] = ApiFactory.AliceKey,
            ["Auth:ApiKeys:0:Owner"] = "alice",
            ["Auth:ApiKeys:1:Key"] = ApiFactory.BobKey,
            ["Auth:ApiKeys:1:Owner"] = "bob",
            [key] = value,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Failures, Does.Contain(message));
    }

    [Test]
    public void Validate_WhenNoKeysOutsideDevelopment_RefusesUnlessAuthenticationIsOffExplicitly()
    {
        using var noKeys = Services([]);
        using var off = Services(new() { ["Auth:Mode"] = "None" });

        var failure = Assert.Throws<OptionsValidationException>(() => noKeys.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.StartWith("No API keys are configured"));
        Assert.DoesNotThrow(() => off.GetRequiredService<IStartupValidator>().Validate());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddApplicationServices(configuration)
            .AddInfrastructureServices(configuration)
            .AddWebServices(configuration, new HostingEnvironment { EnvironmentName = "Testing" });
        return services.BuildServiceProvider();
    }

    [Test]
    public void Start_WhenTheProviderIsUnknown_Fails()
    {
        using var factory = new ApiFactory(new() { ["Database:Provider"] = "Oracle" });

        var failure = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.That(failure!.Message, Does.Contain("Database:Provider"));
    }

    /// <summary>The real process, as an operator starts it: outside Development, no keys is a refusal, not an open service.</summary>
    [Test]
    public async Task Process_InProductionWithoutKeys_ExitsWithOneClearLine()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-start-").FullName;
        try
        {
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string>());

            var exitCode = await service.ExitCodeAsync();

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(service.Lines.Where(l => l.Contains("FATAL", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1));
                Assert.That(service.Lines, Has.Some.Contains("No API keys are configured"));
                Assert.That(service.Lines, Has.None.Contains("   at "), "no stack trace");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Process_WhenPostgreSqlCannotBeReached_RetriesForTheStartupTimeout_ThenExitsWithOneClearLine()
    {
        // A loopback port nothing listens on: every attempt is refused at once, so the retries run until the timeout.
        using var nobody = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nobody.Start();
        var port = ((System.Net.IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();
        var folder = Directory.CreateTempSubdirectory("analysis-start-").FullName;
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["Auth__Mode"] = "None",
                ["Database__Provider"] = "Postgres",
                ["Database__StartupTimeoutSeconds"] = "3",
                ["ConnectionStrings__Analysis"] = $"Host=127.0.0.1;Port={port};Username=analysis;Database=analysis",
            });

            var exitCode = await service.ExitCodeAsync();
            var fatal = service.Lines.Where(l => l.Contains("FATAL", StringComparison.Ordinal)).ToList();

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(started.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5)), "it kept trying for the timeout");
                Assert.That(fatal, Has.Count.EqualTo(1));
                Assert.That(fatal, Has.Some.Contains($"Cannot reach the database analysis at 127.0.0.1:{port} after 3 s"));
                Assert.That(service.Lines, Has.None.Contains("   at "), "no stack trace");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
