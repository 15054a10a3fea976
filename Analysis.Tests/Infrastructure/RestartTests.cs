using Analysis.Api.Uploads;
using Analysis.Infrastructure.Workers;
using Analysis.Tests.Api;
using Analysis.Tests.Application;
using Microsoft.Extensions.Configuration;

namespace Analysis.Tests.Infrastructure;

/// <summary>What a start after a crash cleans up and takes back.</summary>
public sealed class RestartTests
{
    [Test]
    public async Task Start_RemovesUploadFilesLeftByADeadProcess_AndLeavesLiveOnes()
    {
        var leftover = Path.Combine(Path.GetTempPath(), $"analysis-upload-{Guid.NewGuid():N}.csv");
        var live = Path.Combine(Path.GetTempPath(), $"analysis-upload-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(leftover, "secret,data\n1,2\n");
        await using var held = new FileStream(live, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var _ = factory.CreateClient();

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(leftover), Is.False, "a file nobody holds is a dead process's upload");
            Assert.That(File.Exists(live), Is.True, "a file a live process holds is left alone");
            Assert.That(factory.Logs.Entries, Has.Some.Matches<CapturedLogs.LogEntry>(e => e.Message.StartsWith("Removed ", StringComparison.Ordinal)));
            Assert.That(UploadBuffer.TempFilePattern, Is.EqualTo("analysis-upload-*.csv"));
        });
    }

    [Test]
    public async Task Start_ReclaimsAtOnceTheSessionsItsPreviousLifeWasRunning()
    {
        var folder = Directory.CreateTempSubdirectory("analysis-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Analysis"] = $"Data Source={Path.Combine(folder, "a.db")}" };
        try
        {
            Guid id;
            string instance;
            await using (var previous = new ApiFactory(new(settings) { ["Analysis:WorkerEnabled"] = "false" }))
            {
                using var scope = previous.Services.CreateScope();
                instance = scope.ServiceProvider.GetRequiredService<InstanceIdentity>().Name;
                var data = new Dataset([new NumericColumn("x", [1, 2, 3, 4])]);
                var session = AnalysisSession.Create(TestData.Owner, "orphan", data.Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
                await scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>().AddAsync(session, data, SessionAdmission.Unlimited, CancellationToken.None);

                // The previous life claimed it with a long lease, then died (no hand-back).
                var queue = scope.ServiceProvider.GetRequiredService<ISessionQueue>();
                var tracked = (await queue.GetAsync(session.Id, CancellationToken.None))!;
                tracked.Start($"{instance}/deadbeef:0", TimeSpan.FromMinutes(30), TimeProvider.System);
                await queue.SaveAsync(tracked, CancellationToken.None);
                id = session.Id;
            }

            await using var next = new ApiFactory(new(settings));
            using var client = next.CreateClient();
            var identity = next.Services.GetRequiredService<InstanceIdentity>();
            var status = await client.WaitForStatusAsync(id.ToString(), "completed");

            Assert.Multiple(() =>
            {
                Assert.That(identity.Name, Is.EqualTo(instance), "the same machine and slot: the same instance");
                Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("completed"), "claimed without waiting out the 30-minute lease");
                Assert.That(next.Logs.Entries, Has.Some.Matches<CapturedLogs.LogEntry>(e => e.Message.Contains("restarted: 1 sessions", StringComparison.Ordinal)));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Identity_OfTwoLiveProcessesOnOneDatabase_Differ()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Analysis"] = $"Data Source=/tmp/{Guid.NewGuid():N}.db" })
            .Build();
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<InstanceIdentity>.Instance;

        using var first = new InstanceIdentity(configuration, logger);
        using var second = new InstanceIdentity(configuration, logger);
        string again;
        first.Dispose();
        using (var third = new InstanceIdentity(configuration, logger))
        {
            again = third.Name;
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.Name, Does.EndWith("/0"));
            Assert.That(second.Name, Does.EndWith("/1"));
            Assert.That(again, Is.EqualTo(first.Name), "a slot whose holder is gone is taken again");
        });
    }

    [Test]
    public async Task ReleasingAPreviousLife_TouchesOnlyThatInstancesLeases_Exactly()
    {
        await using var factory = new ApiFactory(new() { ["Analysis:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        var ids = new List<Guid>();
        using (var scope = factory.Services.CreateScope())
        {
            var repository = scope.ServiceProvider.GetRequiredService<IAnalysisSessionRepository>();
            var queue = scope.ServiceProvider.GetRequiredService<ISessionQueue>();
            foreach (var owner in new[] { "host/0/dead:0", "HOST/0/live:0", "host/01/live:0", "host/1/live:0" })
            {
                var data = new Dataset([new NumericColumn("x", [1, 2])]);
                var session = AnalysisSession.Create(TestData.Owner, owner, data.Schema, [new DescriptiveSpec(["x"])], TimeProvider.System);
                await repository.AddAsync(session, data, SessionAdmission.Unlimited, CancellationToken.None);
                var tracked = (await queue.GetAsync(session.Id, CancellationToken.None))!;
                tracked.Start(owner, TimeSpan.FromMinutes(30), TimeProvider.System);
                await queue.SaveAsync(tracked, CancellationToken.None);
                ids.Add(session.Id);
            }

            var released = await queue.ExpireLeasesAsync("host/0/", DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.That(released, Is.EqualTo(1), "only host/0's, not HOST/0's, host/01's or host/1's");
        }
    }
}
