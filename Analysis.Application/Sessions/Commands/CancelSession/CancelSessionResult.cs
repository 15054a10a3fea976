namespace Analysis.Application.Sessions.Commands.CancelSession;

/// <summary><see cref="Status"/> is the session's status after the call (the terminal one for a 409).</summary>
public sealed record CancelSessionResult(CancelOutcome Outcome, string? Status);
