using Microsoft.Extensions.Logging;

namespace Analysis.Application.Sessions.Commands.CancelSession;

/// <summary>
/// Cancels a pending or running session. A worker saving progress at the same moment makes the save conflict;
/// the handler reads again and retries, so the cancel always lands or reports the terminal state it lost to.
/// </summary>
public sealed class CancelSessionCommandHandler(
    IAnalysisSessionRepository repository, TimeProvider time, ILogger<CancelSessionCommandHandler> logger)
    : ICommandHandler<CancelSessionCommand, CancelSessionResult>
{
    private const int MaxConflictRetries = 5;

    public async Task<CancelSessionResult> HandleAsync(CancelSessionCommand command, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var session = await repository.GetForUpdateAsync(command.SessionId, command.Owner, cancellationToken);
            if (session is null)
            {
                return new CancelSessionResult(CancelOutcome.NotFound, null);
            }

            if (session.Status.IsTerminal())
            {
                return new CancelSessionResult(CancelOutcome.AlreadyTerminal, session.Status.ToWireName());
            }

            session.Cancel(time);
            try
            {
                await repository.SaveAsync(session, cancellationToken);
                logger.LogInformation("Session {SessionId} cancelled", session.Id);
                return new CancelSessionResult(CancelOutcome.Cancelled, session.Status.ToWireName());
            }
            catch (ConcurrencyConflictException) when (tries < MaxConflictRetries)
            {
                // The worker moved it on between our read and our write; look again.
            }
        }
    }
}
