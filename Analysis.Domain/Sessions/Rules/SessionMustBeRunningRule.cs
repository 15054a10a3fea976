using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions.Rules;

public sealed class SessionMustBeRunningRule(SessionStatus status, string action) : IBusinessRule
{
    public bool IsBroken() => status != SessionStatus.Running;

    public string Message => $"Cannot {action}: the session is {status.ToWireName()}, not running.";
}
