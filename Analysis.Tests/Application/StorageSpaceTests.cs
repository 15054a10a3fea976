using Analysis.Application.Common;
using Analysis.Tests.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Analysis.Tests.Application;

/// <summary>
/// How the service tells a full disk: an ENOSPC as .NET raises it, the operator told once a minute rather than once a
/// request, readiness for a minute (or until a write succeeds), and a disk below Analysis:MinFreeDiskBytes.
/// </summary>
public sealed class StorageSpaceTests
{
    private static (StorageSpace Space, CapturedLogs Logs) NewSpace(TimeProvider time, long minFreeBytes = 0, params StorageFolder[] folders)
    {
        var logs = new CapturedLogs();
        var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var options = Options.Create(new AnalysisOptions { MinFreeDiskBytes = minFreeBytes });
        return (new StorageSpace(folders, options, time, factory.CreateLogger<StorageSpace>()), logs);
    }

    [Test]
    public void AWriteToAFullDevice_RaisesWhatIsToldAsNoSpaceLeft()
    {
        if (!File.Exists("/dev/full"))
        {
            Assert.Ignore("No /dev/full on this system (it is Linux's always-full device).");
        }

        // /dev/full answers every write with ENOSPC: a real full disk as the runtime reports it, without mounting one.
        using var device = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var full = Assert.Throws<IOException>(() => device.Write(new byte[4096]))!;

        Assert.Multiple(() =>
        {
            Assert.That(StorageSpace.IsNoSpaceLeft(full), Is.True, $"{full.HResult}: {full.Message}");
            Assert.That(StorageSpace.IsNoSpaceLeft(new InvalidOperationException("wrapped", full)), Is.True, "found inside another exception");
            Assert.That(StorageSpace.IsNoSpaceLeft(new IOException("Connection reset by peer")), Is.False);
            Assert.That(StorageSpace.IsNoSpaceLeft(new FileNotFoundException("gone")), Is.False);
        });
    }

    [Test]
    public void AFullDisk_IsToldToTheOperatorOnceAMinute_NotOnceARequest()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (space, logs) = NewSpace(time);
        var cause = new IOException("No space left on device", 28);

        for (var i = 0; i < 20; i++)
        {
            space.ReportFull(StorageArea.Database, cause);
            time.Advance(TimeSpan.FromSeconds(2)); // 40 s of failures
        }

        space.ReportFull(StorageArea.TemporaryFolder, cause); // another disk is told at once
        time.Advance(TimeSpan.FromSeconds(21));
        space.ReportFull(StorageArea.Database, cause); // a minute after the first: told again

        var told = logs.Entries.Where(e => e.Level == LogLevel.Critical).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(told, Has.Count.EqualTo(3), string.Join("\n", told));
            Assert.That(told[0], Does.StartWith("Storage full: the database").And.Contain("No space left on device").And.Contain("503"));
            Assert.That(told[1], Does.StartWith("Storage full: the temporary folder"));
        });
    }

    [Test]
    public void Readiness_ReportsAFailedWrite_ForAMinute_OrUntilAWriteSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (space, _) = NewSpace(time);
        Assert.That(space.Problems(), Is.Empty);

        space.ReportWritten(StorageArea.Database); // a write with nothing to clear changes nothing
        space.ReportFull(StorageArea.Database);
        time.Advance(TimeSpan.FromSeconds(59));
        var recent = space.Problems();
        time.Advance(TimeSpan.FromSeconds(2));
        var later = space.Problems();

        space.ReportFull(StorageArea.Database);
        time.Advance(TimeSpan.FromSeconds(1));
        space.ReportWritten(StorageArea.Database);
        var afterAWrite = space.Problems();

        Assert.Multiple(() =>
        {
            Assert.That(recent, Is.EqualTo(new[] { "A write to the database failed 59 s ago: the disk is full." }));
            Assert.That(later, Is.Empty, "a minute on, only the free space speaks");
            Assert.That(afterAWrite, Is.Empty, "a write went through since");
        });
    }

    [Test]
    public void ADiskWithLessThanMinFreeDiskBytes_IsNearlyFull()
    {
        var folder = Path.GetTempPath();
        var free = StorageSpace.FreeBytes(folder);
        Assert.That(free, Is.GreaterThan(0), "the free space of the temporary folder's disk can be told");

        var (roomy, _) = NewSpace(TimeProvider.System, minFreeBytes: 1, new StorageFolder(StorageArea.TemporaryFolder, folder));
        var (cramped, _) = NewSpace(TimeProvider.System, minFreeBytes: long.MaxValue / 2, new StorageFolder(StorageArea.Database, folder));

        Assert.Multiple(() =>
        {
            Assert.That(roomy.Problems(), Is.Empty);
            Assert.That(roomy.HasRoom(StorageArea.TemporaryFolder, 1024), Is.True);
            Assert.That(cramped.Problems(), Has.Count.EqualTo(1));
            Assert.That(cramped.Problems()[0], Does.StartWith($"The disk of the database ({folder}) has ").And.EndWith("the disk is nearly full."));
            Assert.That(cramped.HasRoom(StorageArea.Database), Is.False);
            Assert.That(cramped.HasRoom(StorageArea.TemporaryFolder), Is.True, "no folder watched for it: the write itself will say");
        });
    }
}
