using Analysis.Application.Common;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure.Workers;

/// <summary>
/// Runs sessions in the background: <c>WorkerConcurrency</c> loops, each claiming the oldest claimable session
/// (with a lease), running it, and going back for more; idle loops wait for published work, or look again every
/// <c>ClaimIntervalMilliseconds</c>. While a
/// session runs, a watchdog renews its lease and stops the run as soon as the session is cancelled, deleted or
/// claimed by someone else.
/// </summary>
public sealed class SessionWorker(
    IServiceScopeFactory scopes,
    IClaimableWork work,
    ISessionChanges sessionChanges,
    IOptions<AnalysisOptions> options,
    IHostApplicationLifetime lifetime,
    InstanceIdentity instance,
    TimeProvider time,
    ILogger<SessionWorker> logger) : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            logger.LogInformation("Session worker disabled (Analysis:WorkerEnabled = false): this process only serves HTTP");
            return;
        }

        // Claiming stops the moment shutdown begins; running sessions get Analysis:ShutdownGraceSeconds to finish, then
        // are handed back (not counted as an attempt) before this method returns and the host lets the process end.
        using var claims = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        using var runs = new CancellationTokenSource();
        var grace = TimeSpan.FromSeconds(options.Value.ShutdownGraceSeconds);
        var stopping = 0;
        void StartGrace()
        {
            if (Interlocked.Exchange(ref stopping, 1) == 0)
            {
                logger.LogInformation("Shutting down: no new claims; running sessions have {GraceSeconds} s to finish", grace.TotalSeconds);
                runs.CancelAfter(grace);
            }
        }

        using var onStopping = lifetime.ApplicationStopping.Register(StartGrace);
        using var onStop = stoppingToken.Register(StartGrace);

        await ReleaseLeasesOfPreviousLifeAsync(claims.Token);
        var concurrency = options.Value.EffectiveWorkerConcurrency;
        logger.LogInformation("Session worker {Instance} started with {Concurrency} loops", instance.Life, concurrency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => LoopAsync($"{instance.Life}:{i}", claims.Token, runs.Token)));
    }

    /// <summary>
    /// Sessions this instance was running when its previous life ended (a crash, a kill -9) are claimable now, not
    /// when their leases run out: that life is known dead, since this one holds its identity.
    /// </summary>
    private async Task ReleaseLeasesOfPreviousLifeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var released = await scope.ServiceProvider.GetRequiredService<ISessionQueue>()
                .ExpireLeasesAsync(instance.LeasePrefix, time.GetUtcNow(), cancellationToken);
            if (released > 0)
            {
                logger.LogWarning("Instance {Instance} restarted: {Count} sessions its previous life was running are claimable again", instance.Name, released);
                work.Publish();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Their leases will run out as usual.
            logger.LogError(ex, "Could not release the leases of this instance's previous life");
        }
    }

    private async Task LoopAsync(string workerId, CancellationToken claimsStop, CancellationToken runsStop)
    {
        var claimInterval = TimeSpan.FromMilliseconds(options.Value.ClaimIntervalMilliseconds);
        while (!claimsStop.IsCancellationRequested)
        {
            try
            {
                Guid? claimed;
                using (var scope = scopes.CreateScope())
                {
                    claimed = await scope.ServiceProvider.GetRequiredService<SessionClaimer>()
                        .TryClaimNextAsync(workerId, claimsStop);
                }

                if (claimed is { } id)
                {
                    await RunClaimedAsync(id, workerId, runsStop);
                }
                else
                {
                    await work.WaitAsync(claimInterval, claimsStop);
                }
            }
            catch (OperationCanceledException) when (claimsStop.IsCancellationRequested)
            {
                break;
            }
            catch (StorageFullException)
            {
                // The operator is told once a minute (StorageSpace), not once per claim; claims go on when there is room.
                logger.LogDebug("Worker {WorkerId} could not claim a session: the database's disk is full", workerId);
                await Task.Delay(claimInterval, time, claimsStop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Worker {WorkerId} could not claim a session; retrying", workerId);
                await Task.Delay(claimInterval, time, claimsStop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunClaimedAsync(Guid sessionId, string workerId, CancellationToken runsStop)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(runsStop);
        var maxRun = TimeSpan.FromSeconds(options.Value.MaxRunSeconds);
        using var overtime = new CancellationTokenSource(maxRun, time);
        using var stopAtOvertime = overtime.Token.Register(run.Cancel);
        using var check = new SemaphoreSlim(0, 1);
        void Check()
        {
            if (check.CurrentCount == 0)
            {
                try
                {
                    check.Release();
                }
                catch (SemaphoreFullException)
                {
                    // A check is already due.
                }
            }
        }

        void Changed(SessionVersion version)
        {
            if (version.IsDeleted)
            {
                run.Cancel();
            }
            else
            {
                Check();
            }
        }

        var watchdog = Task.CompletedTask;
        try
        {
            using var subscription = sessionChanges.Subscribe(sessionId, Changed, onMissed: Check);
            watchdog = WatchAsync(sessionId, workerId, check, run);
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<SessionRunner>().RunAsync(sessionId, run.Token);
        }
        catch (OperationCanceledException) when (runsStop.IsCancellationRequested)
        {
            logger.LogInformation("Session {SessionId} interrupted by shutdown after the grace period; handing it back", sessionId);
            await WithRunner(r => r.InterruptAsync(sessionId, workerId, CancellationToken.None));
        }
        catch (OperationCanceledException) when (overtime.IsCancellationRequested)
        {
            // A longer run would not end sooner another time: the session fails, saying why, without another attempt.
            logger.LogWarning("Session {SessionId} stopped: it ran past Analysis:MaxRunSeconds ({Seconds} s)", sessionId, maxRun.TotalSeconds);
            await WithRunner(r => r.FailAsync(
                sessionId, workerId, $"The session was stopped: it ran longer than the {maxRun.TotalSeconds:0} s a session may run (Analysis:MaxRunSeconds).",
                CancellationToken.None));
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            logger.LogInformation("Session {SessionId} stopped: cancelled, deleted or taken over", sessionId);
        }
        catch (RunNotStartedException ex)
        {
            // The database went away between the claim and the run's first read: nothing ran, so the attempt is
            // handed back uncounted — as soon as the database takes the write, not when the lease runs out.
            logger.LogWarning(ex, "Session {SessionId} could not start (the database cannot be reached); handing it back", sessionId);
            await HandBackAsync(sessionId, workerId, counted: false, runsStop);
        }
        catch (StorageBusyException ex)
        {
            // The run met a database outage it could not wait out (a read or its results' save): it is claimable
            // again as soon as the database takes the write, its attempt counted, rather than when the lease runs out.
            logger.LogWarning(ex, "Session {SessionId}: the run could not reach the database; handing it back", sessionId);
            await HandBackAsync(sessionId, workerId, counted: true, runsStop);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId} run failed on worker {WorkerId}", sessionId, workerId);
            await WithRunner(r => r.AbandonAsync(sessionId, workerId, CancellationToken.None));
        }
        finally
        {
            await run.CancelAsync();
            await watchdog.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Renews the lease every third of its length, and on every change notification reads the session: when it
    /// is no longer running under this worker, the run is cancelled (within a second of a cancel request).
    /// </summary>
    private async Task WatchAsync(Guid sessionId, string workerId, SemaphoreSlim check, CancellationTokenSource run)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var renewEvery = lease / 3;
        var nextRenewal = time.GetUtcNow() + renewEvery;
        while (!run.IsCancellationRequested)
        {
            var wait = nextRenewal - time.GetUtcNow();
            var signalled = wait > TimeSpan.Zero && await check.WaitAsync(wait, run.Token);
            try
            {
                using var scope = scopes.CreateScope();
                var queue = scope.ServiceProvider.GetRequiredService<ISessionQueue>();
                bool stillOurs;
                if (signalled)
                {
                    stillOurs = await queue.GetAsync(sessionId, run.Token) is { } session && session.IsRunningUnder(workerId);
                }
                else
                {
                    stillOurs = await queue.TryRenewLeaseAsync(sessionId, workerId, time.GetUtcNow() + lease, run.Token);
                    nextRenewal = time.GetUtcNow() + renewEvery;
                }

                if (!stillOurs)
                {
                    await run.CancelAsync();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup: keep running; if it lasts, the lease lapses and another attempt takes over. (A full
                // disk is told to the operator once a minute, by StorageSpace, not here every second.)
                if (!Persistence.StorageErrors.IsFull(ex))
                {
                    logger.LogWarning(ex, "Lease watchdog of session {SessionId} could not reach the database", sessionId);
                }

                nextRenewal = time.GetUtcNow() + TimeSpan.FromSeconds(1);
            }
        }
    }

    /// <summary>
    /// Hands a session back — without counting its attempt when it did not start, counted (failed at the last one) when
    /// it ran — retrying while the database cannot take the write, for as long as the lease would have held it anyway.
    /// </summary>
    private async Task HandBackAsync(Guid sessionId, string workerId, bool counted, CancellationToken stopping)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var runner = scope.ServiceProvider.GetRequiredService<SessionRunner>();
                await (counted
                    ? runner.AbandonAsync(sessionId, workerId, CancellationToken.None)
                    : runner.InterruptAsync(sessionId, workerId, CancellationToken.None));
                work.Publish();
                return;
            }
            catch (StorageBusyException) when (time.GetUtcNow() + delay < deadline && !stopping.IsCancellationRequested)
            {
                await Task.Delay(delay, time, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception ex)
            {
                // The lease will run out and the next claim counts the attempt.
                logger.LogError(ex, "Could not hand session {SessionId} back; its lease will run out", sessionId);
                return;
            }
        }
    }

    private async Task WithRunner(Func<SessionRunner, Task> action)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await action(scope.ServiceProvider.GetRequiredService<SessionRunner>());
        }
        catch (Exception ex)
        {
            // The lease will expire and another attempt will claim the session.
            logger.LogError(ex, "Could not hand a session back after its run ended");
        }
    }
}
