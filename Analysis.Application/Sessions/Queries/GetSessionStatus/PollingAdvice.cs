using Analysis.Domain.Sessions;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>The server's advice to pollers: a session's <see cref="SessionVersion"/> and its Retry-After.</summary>
public static class PollingAdvice
{
    public const int MaxRetryAfterSeconds = 10;

    public static SessionVersion VersionOf(AnalysisSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionVersion(session.Version, session.Status.IsTerminal(), RetryAfterSeconds(session, now), session.Owner);
    }

    /// <summary>
    /// Seconds until the session is likely to change next: 1 while pending; while running, the time one analysis
    /// has taken so far on average (the next progress step), between 1 and <see cref="MaxRetryAfterSeconds"/>;
    /// none once terminal.
    /// </summary>
    public static int? RetryAfterSeconds(AnalysisSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        switch (session.Status)
        {
            case SessionStatus.Pending:
                return 1;
            case SessionStatus.Running when session.CompletedAnalyses > 0 && session.StartedAt is { } started:
                var perAnalysis = (now - started).TotalSeconds / session.CompletedAnalyses;
                return (int)Math.Clamp(Math.Ceiling(perAnalysis), 1, MaxRetryAfterSeconds);
            case SessionStatus.Running:
                return 1;
            default:
                return null;
        }
    }
}
