using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Running;

/// <summary>
/// Runs a claimed session's plan in order, saving progress after each analysis and the results with the
/// completion. An analysis the data does not allow gets an error entry; the session still completes.
/// </summary>
public sealed class SessionRunner(
    ISessionQueue queue,
    IDatasetStore datasetStore,
    AnalysisTypeRegistry types,
    TimeProvider time,
    IOptions<AnalysisOptions> options,
    ILogger<SessionRunner> logger)
{
    private readonly EngineLimits _limits = new(options.Value.FisherMaxWork);

    /// <summary>How long a finished run's results keep being offered to a database that is busy or unreachable.</summary>
    private static readonly TimeSpan CompletionRetryWindow = TimeSpan.FromMinutes(1);

    public async Task<RunOutcome> RunAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        AnalysisSession? session;
        Datasets.LoadedDataset? loaded;
        List<AnalysisSpec?> plan;
        try
        {
            session = await queue.GetAsync(sessionId, cancellationToken);
            if (session is not { Status: SessionStatus.Running })
            {
                return RunOutcome.Superseded;
            }

            plan = [.. session.Plan.Select(entry => Build(sessionId, entry, session.Dataset))];
            var columns = plan.SelectMany(spec => spec?.ColumnsUsed ?? []).ToHashSet(StringComparer.Ordinal);

            // The results are held about three times over while they are saved (the objects, their UTF-8 JSON, the
            // text the database takes): reserved with the dataset, bounded at create by Analysis:MaxResultBytes.
            var resultBytes = ResultBytesAtMost(plan, session.Dataset, options.Value.EffectiveMaxResultBytes);
            loaded = await datasetStore.LoadAsync(session.DatasetId, session.Dataset, columns, 3 * resultBytes, cancellationToken);
        }
        catch (StorageBusyException ex)
        {
            // Nothing has been computed: the attempt is not the session's fault (a database restarting, say).
            throw new RunNotStartedException(sessionId, ex);
        }

        using var _ = loaded;
        var holder = session.LeaseHolder; // the worker that claimed it; a session read again must still be its
        var loadMs = stopwatch.ElapsedMilliseconds;
        var dataset = loaded?.Dataset;
        if (dataset is null)
        {
            session.Fail("The dataset could not be read.", time);
            return await SaveOrSupersededAsync(session, RunOutcome.Failed, cancellationToken);
        }

        var results = new List<AnalysisResult>(session.Plan.Count);
        var failed = 0;
        var computeTicks = 0L; // the analyses alone, without saving progress and results (for the log line)
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = plan[i] is { } spec
                    ? Compute(sessionId, i, spec, dataset, cancellationToken)
                    : new AnalysisErrorResult(
                        session.Plan[i], session.Plan[i].Type ?? "analysis", $"This version of the service cannot run a '{session.Plan[i].Type}' analysis as it was stored.", null);
                computeTicks += Stopwatch.GetTimestamp() - started;
                if (result is AnalysisErrorResult)
                {
                    failed++;
                }

                results.Add(result);
                if (i + 1 < plan.Count)
                {
                    session = await SaveProgressAsync(session, holder, i + 1, failed, cancellationToken);
                }
            }

            await SaveCompletedAsync(session, holder, results, failed, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            logger.LogInformation("Session {SessionId} stopped: it changed under its worker (cancelled or deleted)", sessionId);
            return RunOutcome.Superseded;
        }
        catch (StorageLimitExceededException ex)
        {
            // Another run would compute the same results and meet the same limit: fail once, saying why.
            logger.LogError(ex, "Session {SessionId}: its results could not be stored ({Reason}); the session is failed", sessionId, ex.Message);
            return await FailAsync(sessionId, holder, $"The results could not be stored: {ex.Message}.", cancellationToken);
        }

        logger.LogInformation(
            "Session {SessionId} completed in {ElapsedMs} ms ({Analyses} analyses, {Failed} with errors; dataset loaded in {LoadMs} ms, analyses computed in {ComputeMs} ms)",
            sessionId, stopwatch.ElapsedMilliseconds, results.Count, failed, loadMs,
            Math.Round(computeTicks * 1000.0 / Stopwatch.Frequency, 3));
        return RunOutcome.Completed;
    }

    /// <summary>
    /// After a fault: fail the session when its attempts are used up, else give the lease back so that the next
    /// attempt may start at once. Does nothing when the session is no longer this run's.
    /// </summary>
    public async Task AbandonAsync(Guid sessionId, string workerId, CancellationToken cancellationToken)
    {
        var session = await queue.GetAsync(sessionId, cancellationToken);
        if (session is null || !session.IsRunningUnder(workerId))
        {
            return;
        }

        if (session.HasExhaustedAttempts)
        {
            session.Fail($"The session could not be run: an internal error occurred in each of {session.Attempts} attempts.", time);
        }
        else
        {
            session.ReleaseLease(time);
        }

        await SaveOrSupersededAsync(session, RunOutcome.Failed, cancellationToken);
    }

    /// <summary>
    /// Fails the session with <paramref name="reason"/> (a run that cannot succeed however often it is tried: its
    /// results past the database's limits, its time past <c>Analysis:MaxRunSeconds</c>). Does nothing when the session
    /// is no longer running under <paramref name="workerId"/>.
    /// </summary>
    public async Task<RunOutcome> FailAsync(Guid sessionId, string? workerId, string reason, CancellationToken cancellationToken)
    {
        var session = await queue.GetAsync(sessionId, cancellationToken);
        if (session is null || !session.IsRunningUnder(workerId))
        {
            return RunOutcome.Superseded;
        }

        session.Fail(reason, time);
        return await SaveOrSupersededAsync(session, RunOutcome.Failed, cancellationToken);
    }

    /// <summary>The process is stopping: hand the session back without counting the attempt.</summary>
    public async Task InterruptAsync(Guid sessionId, string workerId, CancellationToken cancellationToken)
    {
        var session = await queue.GetAsync(sessionId, cancellationToken);
        if (session is not null && session.IsRunningUnder(workerId))
        {
            session.Interrupt(time);
            await SaveOrSupersededAsync(session, RunOutcome.Superseded, cancellationToken);
        }
    }

    /// <summary>
    /// Progress is advice for pollers: a save the database cannot take now (busy, or its disk full) is skipped, not a
    /// fault of the run. The session is read again so the next save starts from what is stored.
    /// </summary>
    private async Task<AnalysisSession> SaveProgressAsync(
        AnalysisSession session, string? holder, int completed, int failed, CancellationToken cancellationToken)
    {
        session.ReportProgress(completed, failed, time);
        try
        {
            await queue.SaveAsync(session, cancellationToken);
            return session;
        }
        catch (StorageBusyException ex)
        {
            logger.LogWarning(ex, "Session {SessionId}: progress {Completed} not saved (the database is busy); the run goes on", session.Id, completed);
            return await ReloadAsync(session.Id, holder, cancellationToken);
        }
        catch (StorageFullException)
        {
            // The operator is told once a minute (StorageSpace), not once per analysis.
            logger.LogInformation("Session {SessionId}: progress {Completed} not saved (the database's disk is full); the run goes on", session.Id, completed);
            return await ReloadAsync(session.Id, holder, cancellationToken);
        }
    }

    /// <summary>
    /// The results and the completion, in one write. While the database is busy, unreachable or its disk full they are
    /// offered again with backoff for a minute (the session read again each time, which may fail the same way), so that
    /// a finished run is not lost to a lock, a short outage or a disk an operator is freeing; another fault is the run's.
    /// </summary>
    private async Task SaveCompletedAsync(
        AnalysisSession session, string? holder, IReadOnlyList<AnalysisResult> results, int failed, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + CompletionRetryWindow;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var tries = 1; ; tries++)
        {
            try
            {
                session.Complete([.. results.Select(r => r.Highlight)], failed, time);
                await queue.SaveCompletedAsync(session, results, cancellationToken);
                return;
            }
            catch (StorageBusyException ex) when (time.GetUtcNow() < deadline)
            {
                logger.LogWarning(ex, "Session {SessionId}: results not saved (the database is busy or unreachable); try {Try}", session.Id, tries);
            }
            catch (StorageFullException) when (time.GetUtcNow() < deadline)
            {
                logger.LogWarning("Session {SessionId}: results not saved (the database's disk is full); try {Try}", session.Id, tries);
            }

            // The failed save left nothing tracked: read the session again, retrying a read the database cannot answer.
            while (true)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
                try
                {
                    session = await ReloadAsync(session.Id, holder, cancellationToken);
                    break;
                }
                catch (StorageBusyException ex) when (time.GetUtcNow() < deadline)
                {
                    logger.LogWarning(ex, "Session {SessionId}: cannot read it again yet (the database is busy or unreachable)", session.Id);
                }
                catch (StorageFullException) when (time.GetUtcNow() < deadline)
                {
                    logger.LogWarning("Session {SessionId}: cannot read it again yet (the database's disk is full)", session.Id);
                }
            }
        }
    }

    /// <summary>The session as stored, if it is still running under this run's claim; a conflict otherwise.</summary>
    private async Task<AnalysisSession> ReloadAsync(Guid sessionId, string? holder, CancellationToken cancellationToken) =>
        await queue.GetAsync(sessionId, cancellationToken) is { } again && again.IsRunningUnder(holder)
            ? again
            : throw new ConcurrencyConflictException($"Session {sessionId} is no longer running under this worker.");

    /// <summary>
    /// What the plan's results can take (each analysis's bound, from the counts of the dataset's schema), at most the
    /// limit a plan was checked against when it was created.
    /// </summary>
    private static long ResultBytesAtMost(IEnumerable<AnalysisSpec?> plan, DatasetSchema schema, long limit) =>
        Math.Min(plan.Sum(spec => spec?.Cost(schema).ResultBytes ?? 0), limit);

    /// <summary>
    /// A stored entry's spec, built again by its type; null when this version of the service no longer has the type,
    /// or cannot build the entry (then that analysis gets an error entry, and the others run).
    /// </summary>
    private AnalysisSpec? Build(Guid sessionId, PlanEntry entry, DatasetSchema schema)
    {
        try
        {
            return types.Find(entry.Type)?.Build(entry, schema);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Session {SessionId}: the stored {Type} analysis could not be built again", sessionId, entry.Type);
            return null;
        }
    }

    private AnalysisResult Compute(Guid sessionId, int index, AnalysisSpec spec, Domain.Datasets.Dataset dataset, CancellationToken cancellationToken)
    {
        try
        {
            return AnalysisEngine.Run(spec, dataset, cancellationToken, _limits);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect in one computation must not sink the others; the entry says so, the log has the detail.
            logger.LogError(ex, "Session {SessionId}: analysis {Index} ({Type}) raised an unexpected error", sessionId, index, spec.Type);
            return new AnalysisErrorResult(spec.ToEntry(), spec.Title, "An internal error occurred while computing this analysis.", null);
        }
    }

    private async Task<RunOutcome> SaveOrSupersededAsync(AnalysisSession session, RunOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SaveAsync(session, cancellationToken);
            return outcome;
        }
        catch (ConcurrencyConflictException)
        {
            return RunOutcome.Superseded;
        }
    }
}
