using Microsoft.Extensions.Logging;

namespace Analysis.Application.Sessions.Commands.DeleteSession;

/// <summary>True when a session was erased, false when there was none (the 404).</summary>
public sealed class DeleteSessionCommandHandler(
    IAnalysisSessionRepository repository, ILogger<DeleteSessionCommandHandler> logger)
    : ICommandHandler<DeleteSessionCommand, bool>
{
    public async Task<bool> HandleAsync(DeleteSessionCommand command, CancellationToken cancellationToken)
    {
        var deleted = await repository.DeleteAsync(command.SessionId, command.Owner, cancellationToken);
        if (deleted)
        {
            logger.LogInformation("Session {SessionId} deleted", command.SessionId);
        }

        return deleted;
    }
}
