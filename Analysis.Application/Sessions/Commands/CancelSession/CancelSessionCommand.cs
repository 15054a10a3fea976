namespace Analysis.Application.Sessions.Commands.CancelSession;

public sealed record CancelSessionCommand(Guid SessionId);

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    AlreadyTerminal,
}

/// <summary><see cref="Status"/> is the session's status after the call (the terminal one for a 409).</summary>
public sealed record CancelSessionResult(CancelOutcome Outcome, string? Status);
