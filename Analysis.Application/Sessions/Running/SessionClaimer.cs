using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Running;

/// <summary>
/// Claims the next session for a worker, fairly between owners (the owner with the fewest running first, under
/// <c>Quotas:MaxRunningPerOwner</c>; its oldest session): the repository takes it in one transaction (so of any
/// number of workers, in one process or many, exactly one takes it), and here the aggregate makes the transition —
/// <c>Start</c> with a lease, or <c>Fail</c> for a session whose lease lapsed too often.
/// </summary>
public sealed class SessionClaimer(
    ISessionQueue queue,
    IOptions<AnalysisOptions> options,
    IOptions<QuotaOptions> quotas,
    TimeProvider time,
    ILogger<SessionClaimer> logger)
{
    public async Task<Guid?> TryClaimNextAsync(string workerId, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var maxRunning = quotas.Value.EffectiveMaxRunningPerOwner(options.Value.EffectiveWorkerConcurrency);
        while (true)
        {
            var reclaimed = false;
            var claimed = await queue.ClaimNextAsync(time.GetUtcNow(), maxRunning, session =>
            {
                if (session.Status == SessionStatus.Running && session.HasExhaustedAttempts)
                {
                    session.Fail(
                        $"The session could not be run: it was interrupted {session.Attempts} times (worker stopped or internal error).",
                        time);
                    return;
                }

                reclaimed = session.Status == SessionStatus.Running;
                session.Start(workerId, lease, time);
            }, cancellationToken);

            switch (claimed)
            {
                case null:
                    return null;
                case { Status: SessionStatus.Failed }:
                    logger.LogWarning("Session {SessionId} failed after {Attempts} attempts", claimed.Id, claimed.Attempts);
                    continue; // look for the next
                default:
                    if (reclaimed)
                    {
                        logger.LogWarning("Session {SessionId} reclaimed by {WorkerId} after its lease expired (attempt {Attempt})",
                            claimed.Id, workerId, claimed.Attempts);
                    }

                    return claimed.Id;
            }
        }
    }
}
