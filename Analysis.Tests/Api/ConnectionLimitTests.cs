using Analysis.Api.Limits;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Api;

/// <summary>
/// The connection cap without a server: what the open-file limit leaves for connections, what is said at start, and
/// refusals logged once a minute with their count (a fake clock). The real process under <c>ulimit -n 1024</c> is in
/// <see cref="ShutdownAndLimitsTests"/>.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const string ProcLimits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max file size             unlimited            unlimited            bytes
        Max processes             63704                63704                processes
        Max open files            1024                 524288               files
        Max locked memory         8388608              8388608              bytes
        """;

    // Margin: 128, and an eighth of what is left past the held descriptors and those 128.
    [TestCase(1024, 330, 198, 496)] // 128 + (1024 - 330 - 128) / 8 = 198
    [TestCase(4096, 330, 582, 3184)] // 128 + 3638 / 8
    [TestCase(65536, 330, 8262, 56944)] // 128 + 65078 / 8
    [TestCase(1024, 900, 128, DescriptorBudget.MinimumConnections)] // nothing left: the floor
    public void Of_IsTheSoftLimitLessTheHeldLessTheMargin(long soft, int held, int margin, int connections)
    {
        var budget = DescriptorBudget.Of(soft, held);

        Assert.Multiple(() =>
        {
            Assert.That(budget.Margin, Is.EqualTo(margin));
            Assert.That(budget.Connections, Is.EqualTo(connections));
            Assert.That(budget.AtFloor, Is.EqualTo(connections == DescriptorBudget.MinimumConnections));
        });
    }

    [Test]
    public void Of_NeverLeavesLessThan128Free_AboveTheFloor()
    {
        for (var soft = 256L; soft <= 1 << 20; soft = soft * 5 / 4)
        {
            foreach (var held in new[] { 0, 40, 330, 2000 })
            {
                var budget = DescriptorBudget.Of(soft, held);
                if (!budget.AtFloor)
                {
                    Assert.That(soft - held - budget.Connections, Is.GreaterThanOrEqualTo(128), $"soft {soft}, held {held}");
                }
            }
        }
    }

    [Test]
    public void Of_AnUnlimitedSoftLimit_IsTheMaximum()
    {
        Assert.That(DescriptorBudget.Of(long.MaxValue, 300).Connections, Is.EqualTo(DescriptorBudget.MaximumConnections));
    }

    [Test]
    public void ParseSoftLimit_ReadsTheMaxOpenFilesLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DescriptorBudget.ParseSoftLimit(ProcLimits), Is.EqualTo(1024));
            Assert.That(DescriptorBudget.ParseSoftLimit(ProcLimits.Replace("1024                 524288", "unlimited            unlimited", StringComparison.Ordinal)),
                Is.EqualTo(long.MaxValue));
            Assert.That(DescriptorBudget.ParseSoftLimit("Max cpu time              unlimited            unlimited            seconds"), Is.Null);
        });
    }

    [Test]
    public void Measure_CountsThisProcesssDescriptors()
    {
        Assume.That(Directory.Exists("/proc/self/fd"), "Linux only");
        var before = DescriptorBudget.Measure()!.Value;
        var files = Enumerable.Range(0, 200).Select(_ => File.OpenRead(typeof(ConnectionLimitTests).Assembly.Location)).ToList();
        try
        {
            var after = DescriptorBudget.Measure()!.Value;
            Assert.Multiple(() =>
            {
                Assert.That(after.Held - before.Held, Is.InRange(190, 210), "the 200 files opened are counted");
                Assert.That(after.SoftLimit, Is.GreaterThan(after.Held));
            });
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }
    }

    [Test]
    public void AtStart_TheCapIsWhatIsFree_SaidInOneLine()
    {
        using var logs = new CapturedLogs();
        using var limit = NewLimit(null, logs, new FakeTimeProvider());

        limit.Measure(DescriptorBudget.Of(1024, 330));

        var line = logs.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(limit.Max, Is.EqualTo(496));
            Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(line.Message, Is.EqualTo("Connections: at most 496, the open-file limit 1024 less 330 descriptors held at start less a margin of 198"));
        });
    }

    [Test]
    public void AtStart_AConfiguredCapAboveWhatIsFree_IsKept_WithAWarning()
    {
        using var logs = new CapturedLogs();
        using var limit = NewLimit(900, logs, new FakeTimeProvider());

        limit.Measure(DescriptorBudget.Of(1024, 330));

        var line = logs.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(limit.Max, Is.EqualTo(900), "the operator's setting stands");
            Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(line.Message, Does.StartWith("Limits:MaxConnections is 900, but only 496 descriptors are free for connections (the open-file limit 1024 less 330 held at start less a margin of 198)"));
        });
    }

    [Test]
    public void AtStart_AConfiguredCapWithinWhatIsFree_IsSaid_WithoutAWarning()
    {
        using var logs = new CapturedLogs();
        using var limit = NewLimit(400, logs, new FakeTimeProvider());

        limit.Measure(DescriptorBudget.Of(1024, 330));

        Assert.Multiple(() =>
        {
            Assert.That(limit.Max, Is.EqualTo(400));
            Assert.That(logs.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Information }));
            Assert.That(logs.Entries.Single().Message, Does.StartWith("Connections: at most 400 (Limits:MaxConnections); 496 descriptors are free"));
        });
    }

    [Test]
    public void AtStart_ALimitThatLeavesNothing_GivesTheFloor_WithAWarning()
    {
        using var logs = new CapturedLogs();
        using var limit = NewLimit(null, logs, new FakeTimeProvider());

        limit.Measure(DescriptorBudget.Of(400, 330));

        Assert.Multiple(() =>
        {
            Assert.That(limit.Max, Is.EqualTo(DescriptorBudget.MinimumConnections));
            Assert.That(logs.Entries.Single().Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(logs.Entries.Single().Message, Does.Contain("raise it (ulimit -n)"));
        });
    }

    [Test]
    public void AtStart_NoProc_TheFixedDefault()
    {
        using var logs = new CapturedLogs();
        using var limit = NewLimit(null, logs, new FakeTimeProvider());

        limit.Measure(null);

        Assert.Multiple(() =>
        {
            Assert.That(limit.Max, Is.EqualTo(ConnectionLimit.FallbackMax));
            Assert.That(logs.Entries.Single().Message, Does.Contain("could not be read"));
        });
    }

    [Test]
    public async Task Refusals_AreLoggedAtOnce_ThenCountedOnceAMinute_AndAQuietMinuteResets()
    {
        var time = new FakeTimeProvider();
        using var logs = new CapturedLogs();
        using var limit = NewLimit(1, logs, time);
        var release = new TaskCompletionSource();
        var served = 0;
        var wrapped = limit.Wrap(_ =>
        {
            Interlocked.Increment(ref served);
            return release.Task;
        });
        var port = 40000;
        DefaultConnectionContext Connection() => new() { RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, port++) };
        string[] Warnings() => [.. logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

        var held = wrapped(Connection()); // the one allowed: held open
        var first = Connection();
        await wrapped(first);
        Assert.Multiple(() =>
        {
            Assert.That(served, Is.EqualTo(1));
            Assert.That(limit.Open, Is.EqualTo(1));
            Assert.That(Warnings(), Is.EqualTo(new[]
            {
                "Connection limit of 1 reached: refusing new connections (this one from 127.0.0.1:40001); while it lasts, a line a minute says how many",
            }));
        });
        await WaitClosedAsync(first);

        for (var i = 0; i < 4; i++)
        {
            await wrapped(Connection());
        }

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(Warnings(), Has.Length.EqualTo(1), "nothing more within the minute");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Warnings(), Has.Length.EqualTo(2));
        Assert.That(Warnings()[1], Is.EqualTo("Connection limit of 1 reached: 4 more refused in the last minute (1 open)"));

        time.Advance(TimeSpan.FromMinutes(1)); // a quiet minute: no line, and the next refusal is said at once
        Assert.That(Warnings(), Has.Length.EqualTo(2));
        time.Advance(TimeSpan.FromMinutes(5));
        await wrapped(Connection());
        await wrapped(Connection());
        Assert.That(Warnings(), Has.Length.EqualTo(3));
        Assert.That(Warnings()[2], Does.StartWith("Connection limit of 1 reached: refusing new connections (this one from 127.0.0.1:40006)"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(Warnings().Last(), Is.EqualTo("Connection limit of 1 reached: 1 more refused in the last minute (1 open)"));

        release.SetResult();
        await held;
        await wrapped(Connection());
        Assert.Multiple(() =>
        {
            Assert.That(served, Is.EqualTo(2), "once the held connection ended, the next is served");
            Assert.That(limit.Open, Is.Zero);
        });
    }

    private static ConnectionLimit NewLimit(int? configured, CapturedLogs logs, TimeProvider time)
    {
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.SetupGet(l => l.ApplicationStarted).Returns(CancellationToken.None); // never: the tests call Measure
        var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        return new ConnectionLimit(
            Options.Create(new LimitsOptions { MaxConnections = configured }), factory.CreateLogger<ConnectionLimit>(), time, lifetime.Object);
    }

    private static async Task WaitClosedAsync(ConnectionContext connection)
    {
        var closed = new TaskCompletionSource();
        await using var registration = connection.ConnectionClosed.Register(closed.SetResult);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
