namespace Analysis.Application.Sessions.Commands.CancelSession;

public enum CancelOutcome
{
    NotFound,
    Cancelled,
    AlreadyTerminal,
}
