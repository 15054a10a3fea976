namespace Analysis.Application.Sessions.Changes;

/// <summary>The server's advice to pollers: a session's <see cref="SessionVersion"/> with its Retry-After.</summary>
public static class PollingAdvice
{
    public const int MaxRetryAfterSeconds = 10;

    public static SessionVersion VersionOf(AnalysisSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionVersion(
            session.Version, session.Status.IsTerminal(),
            RetryAfterSeconds(session.Status, session.CompletedAnalyses, session.StartedAt, now), session.Owner);
    }

    /// <summary>The same, from a change as the aggregate recorded it.</summary>
    public static SessionVersion VersionOf(SessionChanged change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new SessionVersion(
            change.Version, change.Status.IsTerminal(),
            RetryAfterSeconds(change.Status, change.CompletedAnalyses, change.StartedAt, now), change.Owner);
    }

    /// <summary>
    /// Seconds until the session is likely to change next: 1 while pending; while running, the time one analysis
    /// has taken so far on average (the next progress step), between 1 and <see cref="MaxRetryAfterSeconds"/>;
    /// none once terminal.
    /// </summary>
    public static int? RetryAfterSeconds(SessionStatus status, int completedAnalyses, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        switch (status)
        {
            case SessionStatus.Pending:
                return 1;
            case SessionStatus.Running when completedAnalyses > 0 && startedAt is { } started:
                var perAnalysis = (now - started).TotalSeconds / completedAnalyses;
                return (int)Math.Clamp(Math.Ceiling(perAnalysis), 1, MaxRetryAfterSeconds);
            case SessionStatus.Running:
                return 1;
            default:
                return null;
        }
    }
}
