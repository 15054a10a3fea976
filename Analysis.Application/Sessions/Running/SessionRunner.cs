using System.Diagnostics;
using Analysis.Application.Abstractions;
using Analysis.Domain.Analyses;
using Analysis.Domain.Sessions;
using Microsoft.Extensions.Logging;

namespace Analysis.Application.Sessions.Running;

/// <summary>
/// Runs a claimed session's plan in order, saving progress after each analysis and the results with the
/// completion. An analysis the data does not allow gets an error entry; the session still completes.
/// </summary>
public sealed class SessionRunner(
    IAnalysisSessionRepository repository,
    IDatasetStore datasetStore,
    TimeProvider time,
    ILogger<SessionRunner> logger)
{
    public async Task<RunOutcome> RunAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var session = await repository.GetForWorkerAsync(sessionId, cancellationToken);
        if (session is not { Status: SessionStatus.Running })
        {
            return RunOutcome.Superseded;
        }

        var columns = session.Plan.SelectMany(spec => spec.ColumnsUsed).ToHashSet(StringComparer.Ordinal);
        var dataset = await datasetStore.LoadAsync(sessionId, session.Dataset, columns, cancellationToken);
        var loadMs = stopwatch.ElapsedMilliseconds;
        if (dataset is null)
        {
            session.Fail("The dataset could not be read.", time);
            return await SaveOrSupersededAsync(session, RunOutcome.Failed, cancellationToken);
        }

        var results = new List<AnalysisResult>(session.Plan.Count);
        var failed = 0;
        try
        {
            for (var i = 0; i < session.Plan.Count; i++)
            {
                var spec = session.Plan[i];
                var result = Compute(sessionId, i, spec, dataset, cancellationToken);
                if (result is AnalysisErrorResult)
                {
                    failed++;
                }

                results.Add(result);
                if (i + 1 < session.Plan.Count)
                {
                    session.ReportProgress(i + 1, failed, time);
                    await repository.SaveAsync(session, cancellationToken);
                }
            }

            session.Complete([.. results.Select(r => r.Highlight)], failed, time);
            await repository.SaveCompletedAsync(session, results, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            logger.LogInformation("Session {SessionId} stopped: it changed under its worker (cancelled or deleted)", sessionId);
            return RunOutcome.Superseded;
        }

        logger.LogInformation(
            "Session {SessionId} completed in {ElapsedMs} ms ({Analyses} analyses, {Failed} with errors; dataset loaded in {LoadMs} ms)",
            sessionId, stopwatch.ElapsedMilliseconds, results.Count, failed, loadMs);
        return RunOutcome.Completed;
    }

    /// <summary>
    /// After a fault: fail the session when its attempts are used up, else give the lease back so that the next
    /// attempt may start at once. Does nothing when the session is no longer this run's.
    /// </summary>
    public async Task AbandonAsync(Guid sessionId, string workerId, CancellationToken cancellationToken)
    {
        var session = await repository.GetForWorkerAsync(sessionId, cancellationToken);
        if (session is not { Status: SessionStatus.Running } || session.LeaseOwner != workerId)
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

    /// <summary>The process is stopping: hand the session back without counting the attempt.</summary>
    public async Task InterruptAsync(Guid sessionId, string workerId, CancellationToken cancellationToken)
    {
        var session = await repository.GetForWorkerAsync(sessionId, cancellationToken);
        if (session is { Status: SessionStatus.Running } && session.LeaseOwner == workerId)
        {
            session.Interrupt(time);
            await SaveOrSupersededAsync(session, RunOutcome.Superseded, cancellationToken);
        }
    }

    private AnalysisResult Compute(Guid sessionId, int index, AnalysisSpec spec, Domain.Datasets.Dataset dataset, CancellationToken cancellationToken)
    {
        try
        {
            return AnalysisEngine.Run(spec, dataset, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect in one computation must not sink the others; the entry says so, the log has the detail.
            logger.LogError(ex, "Session {SessionId}: analysis {Index} ({Type}) raised an unexpected error", sessionId, index, spec.Type);
            return new AnalysisErrorResult(spec, "An internal error occurred while computing this analysis.", null);
        }
    }

    private async Task<RunOutcome> SaveOrSupersededAsync(AnalysisSession session, RunOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await repository.SaveAsync(session, cancellationToken);
            return outcome;
        }
        catch (ConcurrencyConflictException)
        {
            return RunOutcome.Superseded;
        }
    }
}
