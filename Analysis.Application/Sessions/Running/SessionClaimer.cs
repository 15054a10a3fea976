using Analysis.Application.Common;
using Analysis.Domain.Common;
using Analysis.Domain.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Running;

/// <summary>
/// Claims the oldest claimable session for a worker. The claim is the aggregate's <c>Start</c> saved under its
/// version (the concurrency token), so of two workers — in one process or two — exactly one wins; the other
/// sees a conflict and tries the next candidate. A session whose lease lapsed too often is failed instead.
/// </summary>
public sealed class SessionClaimer(
    IAnalysisSessionRepository repository,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<SessionClaimer> logger)
{
    private const int CandidatesPerTry = 8;

    public async Task<Guid?> TryClaimNextAsync(string workerId, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var candidates = await repository.FindClaimableAsync(time.GetUtcNow(), CandidatesPerTry, cancellationToken);
        foreach (var id in candidates)
        {
            var session = await repository.GetForWorkerAsync(id, cancellationToken);
            if (session is null)
            {
                continue;
            }

            try
            {
                if (session.Status == SessionStatus.Running && session.HasExhaustedAttempts)
                {
                    session.Fail(
                        $"The session could not be run: it was interrupted {session.Attempts} times (worker stopped or internal error).",
                        time);
                    await repository.SaveAsync(session, cancellationToken);
                    logger.LogWarning("Session {SessionId} failed after {Attempts} attempts", id, session.Attempts);
                    continue;
                }

                var reclaimed = session.Status == SessionStatus.Running;
                session.Start(workerId, lease, time);
                await repository.SaveAsync(session, cancellationToken);
                if (reclaimed)
                {
                    logger.LogWarning("Session {SessionId} reclaimed by {WorkerId} after its lease expired (attempt {Attempt})", id, workerId, session.Attempts);
                }

                return id;
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker claimed it, or it was cancelled or deleted meanwhile.
            }
            catch (BusinessRuleValidationException)
            {
                // Its state moved on since the candidate query (e.g. a fresh lease); not ours to take.
            }
        }

        return null;
    }
}
