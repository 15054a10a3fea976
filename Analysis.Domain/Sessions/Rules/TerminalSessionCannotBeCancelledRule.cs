using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions.Rules;

/// <summary>
/// A session that has ended cannot be cancelled. <see cref="AnalysisSession.Cancel"/> treats a repeated cancel as
/// harmless before it checks this rule, so what breaks it is a completed or failed session.
/// </summary>
public sealed class TerminalSessionCannotBeCancelledRule(SessionStatus status) : IBusinessRule
{
    public bool IsBroken() => status.IsTerminal();

    public string Message => $"Session is already {status.ToWireName()}";
}
