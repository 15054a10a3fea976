namespace Analysis.Application.Sessions.Commands.CancelSession;

/// <summary>Cancel a pending or running session that <see cref="Owner"/> owns.</summary>
public sealed record CancelSessionCommand(Guid SessionId, string Owner);

/// <summary><see cref="Status"/> is the session's status after the call (the terminal one for a 409).</summary>
public sealed record CancelSessionResult(CancelOutcome Outcome, string? Status);

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    AlreadyTerminal,
}
