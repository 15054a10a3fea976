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
