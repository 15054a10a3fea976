using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions.Rules;

public sealed class SessionCanOnlyStartWhenPendingOrLeaseExpiredRule(
    SessionStatus status, DateTimeOffset? leaseExpiresAt, DateTimeOffset now) : IBusinessRule
{
    public bool IsBroken() =>
        !(status == SessionStatus.Pending ||
          (status == SessionStatus.Running && leaseExpiresAt is { } expires && expires <= now));

    public string Message => status == SessionStatus.Running
        ? "A running session can only be claimed again after its lease has expired."
        : $"A {status.ToWireName()} session cannot be started.";
}

public sealed class SessionMustBeRunningRule(SessionStatus status, string action) : IBusinessRule
{
    public bool IsBroken() => status != SessionStatus.Running;

    public string Message => $"Cannot {action}: the session is {status.ToWireName()}, not running.";
}

public sealed class TerminalSessionCannotBeCancelledRule(SessionStatus status) : IBusinessRule
{
    public bool IsBroken() => status is SessionStatus.Completed or SessionStatus.Failed;

    public string Message => $"Session is already {status.ToWireName()}";
}

public sealed class ProgressMustStayWithinPlanRule(int completed, int total) : IBusinessRule
{
    public bool IsBroken() => completed < 0 || completed > total;

    public string Message => $"Progress {completed} is outside the plan of {total} analyses.";
}

public sealed class PlanMustHoldOneToMaxAnalysesRule(int count) : IBusinessRule
{
    public const int MaxAnalyses = 100;

    public bool IsBroken() => count is < 1 or > MaxAnalyses;

    public string Message => $"A plan holds 1 to {MaxAnalyses} analyses, not {count}.";
}
