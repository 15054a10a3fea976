using Analysis.Application.Sessions.Changes;
using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Analysis.Infrastructure.Changes;

/// <summary>
/// Subscribes this process to the other processes' changes: one dedicated connection that <c>LISTEN</c>s on
/// <see cref="PostgresChangePublisher.Channel"/> and publishes what arrives on this process's
/// <see cref="ISessionChanges"/>, so long polls, event streams, the current versions and idle workers here learn of a
/// change made anywhere within milliseconds of its commit. When the connection drops, the current versions stop
/// answering (they could be stale) and the subscriber reconnects with backoff; once listening again, it tells every
/// subscriber that changes may have been missed, and publishes work to the workers, since whatever happened
/// meanwhile was not heard. The connection also holds this process's life lock, which tells the other processes
/// that it lives (<see cref="LifeLock"/>).
/// </summary>
public sealed class PostgresChangeSubscriber(
    IConfiguration configuration,
    ISessionChanges sessionChanges,
    CurrentVersions versions,
    IClaimableWork work,
    InstanceIdentity instance,
    ILogger<PostgresChangeSubscriber> logger) : BackgroundService
{
    /// <summary>
    /// At most this between attempts to reconnect: the life lock (<see cref="LifeLock"/>) of a live process must be
    /// back well within the time other processes give it (<see cref="DeadProcessSweeper"/>).
    /// </summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>Times the subscription has connected (for tests and diagnostics).</summary>
    public int Connections { get; private set; }

    /// <summary>The backend process id of the listening connection, while connected.</summary>
    public int? BackendProcessId { get; private set; }

    /// <summary>When the listening connection last connected; null while it is down.</summary>
    public DateTimeOffset? ConnectedSince { get; private set; }

    /// <summary>True while the listening connection holds this life's lock (<see cref="LifeLock"/>).</summary>
    public bool HoldsLifeLock { get; private set; }

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
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangePublisher.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                HoldsLifeLock = await LifeLock.TryTakeAsync(connection, instance.Life, stoppingToken);
                BackendProcessId = connection.ProcessID;
                ConnectedSince = DateTimeOffset.UtcNow;
                Connections++;
                versions.Resume();
                sessionChanges.PublishMissed();
                work.Publish();
                logger.LogInformation("Change feed connected (listening on {Channel}, connection {Count})", PostgresChangePublisher.Channel, Connections);
                backoff = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    if (HoldsLifeLock)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                    else if (!await connection.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken))
                    {
                        // Our previous connection, not yet known dead to the server, still holds it: try again.
                        HoldsLifeLock = await LifeLock.TryTakeAsync(connection, instance.Life, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                BackendProcessId = null;
                ConnectedSince = null;
                HoldsLifeLock = false;
                versions.Suspend();
                logger.LogWarning(ex, "Change feed lost; reconnecting in {DelayMs} ms (memory answers are off meanwhile)", backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void OnNotification(string payload)
    {
        if (!PostgresChangePublisher.TryParse(payload, out var sessionId, out var version, out var claimable, out var origin) ||
            origin == instance.Life)
        {
            return; // not ours, or this process's own change (published here when it committed)
        }

        sessionChanges.Publish(sessionId, version is { } number ? SessionVersion.Published(number) : SessionVersion.Deleted());
        if (claimable)
        {
            work.Publish();
        }
    }
}
