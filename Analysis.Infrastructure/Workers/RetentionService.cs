using Analysis.Application.Common;
using Analysis.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Workers;

/// <summary>
/// Hourly housekeeping, first at start: erases terminal sessions older than <c>Analysis:RetentionDays</c> (0 keeps
/// them) and then datasets no session keeps that have gone unused as long, forgets idempotency keys past their day, and erases sessions whose storing a dead process left unfinished.
/// </summary>
public sealed class RetentionService(
    IServiceScopeFactory scopes, IOptions<AnalysisOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private static readonly TimeSpan RetryAfterStorageFault = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource _firstSweep = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the sweep at start has ended, whatever its outcome (for whoever must not race it).</summary>
    public Task FirstSweepDone => _firstSweep.Task;

    /// <summary>An unfinished store this old belongs to a process that died (a live one finishes in minutes).</summary>
    private static readonly TimeSpan UnfinishedAfter = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                await SweepAsync(stoppingToken);
                next = Interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is StorageFullException or StorageBusyException)
            {
                // Said already where it is found (a critical line for a full disk, a busy or unreachable database in
                // the health checks); housekeeping frees room, so it tries again soon rather than in an hour.
                logger.LogWarning("Retention sweep postponed ({Reason}); next try in {Retry}", ex.Message, RetryAfterStorageFault);
                next = RetryAfterStorageFault;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retention sweep failed; next try in {Interval}", Interval);
                next = Interval;
            }
            finally
            {
                _firstSweep.TrySetResult();
            }

            await Task.Delay(next, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var storage = scope.ServiceProvider.GetRequiredService<SessionRetention>();
        var now = time.GetUtcNow();
        var forgotten = await storage.ForgetIdempotencyKeysAsync(now - IdempotencyKey.Lifetime, cancellationToken);
        var unfinished = await storage.EraseUnfinishedStoresAsync(now - UnfinishedAfter, cancellationToken);
        if (forgotten + unfinished > 0)
        {
            logger.LogInformation("Housekeeping: {Keys} idempotency keys forgotten, {Unfinished} unfinished uploads erased", forgotten, unfinished);
        }

        if (options.Value.Retention is not { } retention)
        {
            return 0;
        }

        // The same instant the status summary announces as expiresAt (AnalysisSession.ExpiresAt).
        var cutoff = now - retention;
        var erased = 0;
        IReadOnlyList<Guid> batch;
        do
        {
            batch = await storage.FindExpiredAsync(cutoff, 500, cancellationToken);
            foreach (var id in batch)
            {
                erased += await storage.EraseAsync(id, cancellationToken) ? 1 : 0;
            }
        }
        while (batch.Count > 0);

        if (erased > 0)
        {
            logger.LogInformation("Retention erased {Count} sessions that ended before {Cutoff}", erased, cutoff);
        }

        // Then the datasets that no session keeps any more and nobody has used since the same instant.
        var datasets = await storage.EraseUnusedDatasetsAsync(cutoff, cancellationToken);
        if (datasets > 0)
        {
            logger.LogInformation("Retention erased {Count} datasets unused since {Cutoff}", datasets, cutoff);
        }

        return erased;
    }
}
