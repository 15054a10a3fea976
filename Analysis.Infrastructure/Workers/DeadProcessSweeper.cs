using Analysis.Application.Common;
using Analysis.Infrastructure.Changes;
using Analysis.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Workers;

/// <summary>
/// PostgreSQL: takes over the sessions of a process that died, within seconds instead of a lease. Twice a second it
/// reads the lives that hold running sessions and the life locks held (<see cref="LifeLock"/>); a life this process
/// has seen holding its lock — since its own listening connection last connected — whose lock has then been gone for
/// <see cref="GoneFor"/> is dead: its leases end now, and the workers are told there is work. A life never seen (a
/// process that died before this one looked, or of a version without the lock) keeps its leases to run out.
/// </summary>
public sealed class DeadProcessSweeper(
    IServiceScopeFactory scopes,
    PostgresChangeSubscriber subscriber,
    InstanceIdentity instance,
    IClaimableWork work,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<DeadProcessSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a seen lock must be gone: longer than a live process takes to reconnect its listening connection
    /// after a dropped connection (its backoff starts at 250 ms and stops growing at 2 s).
    /// </summary>
    public static readonly TimeSpan GoneFor = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, DateTimeOffset?> _seen = new(StringComparer.Ordinal); // life -> when its lock was first missed
    private DateTimeOffset? _listeningSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away: nothing is judged meanwhile, and what was seen is seen again after.
                logger.LogDebug(ex, "Dead-process sweep skipped");
                _seen.Clear();
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        // Judge only while this process's own lock is held: a connection of ours that dropped says nothing of others.
        if (subscriber.ConnectedSince != _listeningSince || !subscriber.HoldsLifeLock)
        {
            _listeningSince = subscriber.ConnectedSince;
            _seen.Clear();
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalysisDbContext>();
        var now = time.GetUtcNow();
        var holders = await db.Sessions
            .Where(s => s.Status == SessionStatus.Running && s.LeaseHolder != null && s.LeaseExpiresAt > now)
            .Select(s => s.LeaseHolder!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var lives = holders.Select(LifeOf).Where(l => l != instance.Life).ToHashSet(StringComparer.Ordinal);
        if (lives.Count == 0)
        {
            _seen.Clear();
            return;
        }

        var held = (await db.Database.SqlQueryRaw<long>(LifeLock.HeldKeysSql).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var life in _seen.Keys.Where(l => !lives.Contains(l)).ToList())
        {
            _seen.Remove(life); // it runs nothing now
        }

        foreach (var life in lives)
        {
            if (held.Contains(LifeLock.KeyOf(life)))
            {
                _seen[life] = null;
            }
            else if (_seen.TryGetValue(life, out var missedSince))
            {
                if (missedSince is null)
                {
                    _seen[life] = now;
                }
                else if (now - missedSince >= GoneFor)
                {
                    _seen.Remove(life);
                    await ReleaseAsync(scope, life, now, cancellationToken);
                }
            }
        }
    }

    private async Task ReleaseAsync(IServiceScope scope, string life, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var released = await scope.ServiceProvider.GetRequiredService<ISessionQueue>().ExpireLeasesAsync(life + ":", now, cancellationToken);
        if (released > 0)
        {
            logger.LogWarning("Process {Life} is gone (its database connections closed): {Count} sessions it was running are claimable now", life, released);
            work.Publish();
        }
    }

    /// <summary>A worker's lease holder is <c>{life}:{loop}</c>.</summary>
    private static string LifeOf(string holder) => holder[..Math.Max(0, holder.LastIndexOf(':'))];
}
