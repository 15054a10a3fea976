using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Analysis.Infrastructure.Notifications;

/// <summary>
/// Hears the other processes' changes: one dedicated connection that <c>LISTEN</c>s on
/// <see cref="PostgresChangeFeed.Channel"/> and publishes what arrives on this process's change notifier, so long
/// polls, event streams, the version map and idle workers here learn of a change made anywhere within
/// milliseconds of its commit. When the connection drops, the version map stops answering (it could be stale) and
/// the listener reconnects with backoff; once listening again, it tells every waiting listener that its session
/// may have changed, and wakes the workers, since whatever happened meanwhile was not heard.
/// </summary>
public sealed class PostgresChangeListener(
    IConfiguration configuration,
    ISessionChangeNotifier notifier,
    SessionVersionMap versions,
    IWorkSignal work,
    InstanceIdentity instance,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>Times the feed has connected (for tests and diagnostics).</summary>
    public int Connections { get; private set; }

    /// <summary>The backend process id of the listening connection, while connected.</summary>
    public int? BackendProcessId { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
        {
            Pooling = false, // its own connection, never one a query may have borrowed
            KeepAlive = 10, // a silently dropped connection is noticed within seconds
            ApplicationName = $"analysis-listener {instance.Life}",
        };
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                BackendProcessId = connection.ProcessID;
                Connections++;
                versions.Resume();
                notifier.PublishPossiblyChanged();
                work.Notify();
                logger.LogInformation("Change feed connected (listening on {Channel}, connection {Count})", PostgresChangeFeed.Channel, Connections);
                backoff = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                BackendProcessId = null;
                versions.Suspend();
                logger.LogWarning(ex, "Change feed lost; reconnecting in {DelayMs} ms (memory answers are off meanwhile)", backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void OnNotification(string payload)
    {
        if (!PostgresChangeFeed.TryParse(payload, out var sessionId, out var version, out var claimable, out var origin) ||
            origin == instance.Life)
        {
            return; // not ours, or this process's own change (published here when it committed)
        }

        notifier.Publish(sessionId, SessionVersion.Announced(version));
        if (claimable)
        {
            work.Notify();
        }
    }
}
