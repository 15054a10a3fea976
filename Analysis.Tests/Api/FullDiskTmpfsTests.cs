using System.Globalization;
using System.Text;
using Analysis.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace Analysis.Tests.Api;

/// <summary>
/// A real full disk: a small tmpfs holds the database (the real host, <see cref="ApiFactory"/>) or the temporary folder
/// (the service as an operator runs it, <see cref="ServiceProcess"/>, with TMPDIR on it), and is filled to the last byte.
/// Creates are 503 with Retry-After and a message that says the storage is full, readiness names the disk, deletes go
/// through, and once there is room creates work again. Ignored where mounting is not allowed.
/// </summary>
[NonParallelizable]
public sealed class FullDiskTmpfsTests
{
    private const string Plan = """[{"type":"descriptive"}]""";

    /// <summary>A CSV of about <paramref name="bytes"/> bytes of numbers in four columns.</summary>
    private static string Csv(int bytes, int seed)
    {
        var csv = new StringBuilder("a,b,c,d\n");
        for (var i = seed; csv.Length < bytes; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i * 0.37:0.###},{i % 101},{(i * 7919) % 1000 / 10.0},{i & 255}\n");
        }

        return csv.ToString();
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, string Body)> ReadAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return (response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            await response.Content.ReadAsStringAsync());
    }

    /// <param name="minFreeBytes">
    /// 0: no free-space check, so a create meets SQLite's own "database or disk is full"; 2 MiB: a create is refused
    /// before it writes, on the free space alone.
    /// </param>
    [TestCase(0)]
    [TestCase(2 << 20)]
    public async Task DatabaseOnAFullDisk_CreateIs503_ReadyNamesTheDisk_DeletesSucceed_AndCreatesWorkOnceThereIsRoom(int minFreeBytes)
    {
        using var disk = Tmpfs.MountOrIgnore(megabytes: 32);
        var database = Path.Combine(disk.Path, "analysis.db");
        var reserve = database + DatabaseReserve.Suffix;
        List<string> kept = [];
        (HttpStatusCode Status, string? RetryAfter, string Body) create, createAfterDeletes;
        HttpStatusCode readyWhenFull, readyWithRoom;
        string readinessWhenFull;
        List<HttpStatusCode> deletes = [], afterDeletes = [];
        bool reserveKept, reserveAfterDeletes, reserveWithRoom;
        long freeWhenFull;
        int toldFull;
        await using (var factory = new ApiFactory(new()
        {
            ["ConnectionStrings:Analysis"] = $"Data Source={database}",
            ["Database:ReserveBytes"] = (4 << 20).ToString(CultureInfo.InvariantCulture),
            ["Analysis:MinFreeDiskBytes"] = minFreeBytes.ToString(CultureInfo.InvariantCulture),
        }))
        {
            using var client = factory.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                kept.Add(await client.CreateSessionAsync(Csv(300_000, i * 100_000), Plan));
            }

            foreach (var id in kept)
            {
                await client.WaitForStatusAsync(id, "completed");
            }

            reserveKept = File.Exists(reserve);
            disk.Fill();
            freeWhenFull = disk.FreeBytes;

            create = await ReadAsync(client.CreateMultipartAsync(Csv(3_000_000, 7), Plan));
            using (var ready = await client.GetAsync("/health/ready"))
            {
                readyWhenFull = ready.StatusCode;
                readinessWhenFull = await ready.Content.ReadAsStringAsync();
            }

            foreach (var id in kept)
            {
                using var delete = await client.DeleteAsync($"/api/session/{id}");
                deletes.Add(delete.StatusCode);
                afterDeletes.Add((await client.SendAsync(HttpMethod.Get, $"/api/session/{id}/status")).Status);
            }

            reserveAfterDeletes = File.Exists(reserve);
            createAfterDeletes = await ReadAsync(client.CreateMultipartAsync(Csv(300_000, 9), Plan));

            disk.Free(); // an operator made room
            var created = await client.CreateSessionAsync(Csv(300_000, 11), Plan);
            await client.WaitForStatusAsync(created, "completed");
            using (var ready = await client.GetAsync("/health/ready"))
            {
                readyWithRoom = ready.StatusCode;
            }

            reserveWithRoom = File.Exists(reserve);
            toldFull = factory.Logs.Entries.Count(e => e.Level == LogLevel.Critical && e.Message.StartsWith("Storage full: the database", StringComparison.Ordinal));
        }

        Assert.Multiple(() =>
        {
            Assert.That(reserveKept, Is.True, "the reserve is on the disk before it fills");
            Assert.That(freeWhenFull, Is.Zero, "the disk is full");

            Assert.That(create.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), create.Body);
            Assert.That(create.RetryAfter, Is.EqualTo("60"));
            Assert.That(JsonNode.Parse(create.Body)!["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.Database)));

            Assert.That(readyWhenFull, Is.EqualTo(HttpStatusCode.ServiceUnavailable), readinessWhenFull);
            Assert.That(JsonNode.Parse(readinessWhenFull)!["checks"]!["storage"]!["description"]!.GetValue<string>(), Does.Contain("disk"));

            Assert.That(deletes, Is.All.EqualTo(HttpStatusCode.NoContent), "deletes go through on the full disk");
            Assert.That(afterDeletes, Is.All.EqualTo(HttpStatusCode.NotFound));
            Assert.That(reserveAfterDeletes, Is.False, "the reserve's room went to the deletes");
            Assert.That(createAfterDeletes.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the room is kept for deletes until the disk has room again");

            Assert.That(readyWithRoom, Is.EqualTo(HttpStatusCode.OK), "ready again once there is room");
            Assert.That(reserveWithRoom, Is.True, "the reserve is kept again");
            Assert.That(toldFull, Is.EqualTo(1), "the operator is told once a minute, not once a request");
        });
    }

    [Test]
    public async Task TemporaryFolderOnAFullDisk_AnUploadIs503NotTheClientsFault_ReadyNamesIt_AndNothingOfItStays()
    {
        using var temporary = Tmpfs.MountOrIgnore(megabytes: 8);
        var folder = Path.Combine(Path.GetTempPath(), $"analysis-full-tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        const string Key = "full-tmp-key-0123456789";
        try
        {
            await using var service = ServiceProcess.Start(folder, new Dictionary<string, string>
            {
                ["TMPDIR"] = temporary.Path,
                ["Auth__ApiKeys__0__Key"] = Key,
                ["Auth__ApiKeys__0__Owner"] = "alice",
                ["Analysis__MinFreeDiskBytes"] = (1 << 20).ToString(CultureInfo.InvariantCulture),
            });
            using var client = new HttpClient { BaseAddress = new Uri(await service.ListeningAsync()) };
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            var csv = Csv(2_500_000, 3); // past the 1 MiB an upload keeps in memory: it waits in the temporary folder

            temporary.Fill();
            var upload = await ReadAsync(client.CreateMultipartAsync(csv, Plan));
            var again = await ReadAsync(client.CreateMultipartAsync(csv, Plan));
            var left = Directory.GetFiles(temporary.Path, "analysis-upload-*");
            using var ready = await client.GetAsync("/health/ready");
            var readiness = await ready.Content.ReadAsStringAsync();

            temporary.Free();
            var created = await ReadAsync(client.CreateMultipartAsync(csv, Plan));
            var told = service.Lines.Count(l => l.Contains("Storage full: the temporary folder", StringComparison.Ordinal));

            Assert.Multiple(() =>
            {
                Assert.That(upload.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), upload.Body);
                Assert.That(upload.RetryAfter, Is.EqualTo("60"));
                Assert.That(JsonNode.Parse(upload.Body)!["error"]!.GetValue<string>(), Is.EqualTo(StorageFullException.MessageFor(StorageArea.TemporaryFolder)));
                Assert.That(upload.Body, Does.Not.Contain("malformed"), "not the client's fault");
                Assert.That(again.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(left, Is.Empty, "the partial upload files are gone (they hold users' data)");
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), readiness);
                Assert.That(readiness, Does.Contain("the temporary folder").And.Contain("disk"));
                Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Accepted), created.Body);
                Assert.That(told, Is.EqualTo(1), string.Join('\n', service.Lines));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
