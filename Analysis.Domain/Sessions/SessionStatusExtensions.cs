namespace Analysis.Domain.Sessions;

public static class SessionStatusExtensions
{
    /// <summary>Completed, failed and cancelled: the session will not change status again (docs/api.md, lifecycle).</summary>
    public static bool IsTerminal(this SessionStatus status) =>
        status is SessionStatus.Completed or SessionStatus.Failed or SessionStatus.Cancelled;

    /// <summary>The terminal statuses as a list, for queries that select by status (derived from <see cref="IsTerminal"/>).</summary>
    public static IReadOnlyList<SessionStatus> TerminalStatuses { get; } = [.. Enum.GetValues<SessionStatus>().Where(IsTerminal)];

    /// <summary>The lowercase wire name used by the API and the database.</summary>
    public static string ToWireName(this SessionStatus status) => status switch
    {
        SessionStatus.Pending => "pending",
        SessionStatus.Running => "running",
        SessionStatus.Completed => "completed",
        SessionStatus.Failed => "failed",
        SessionStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseWireName(string? text, out SessionStatus status)
    {
        switch (text)
        {
            case "pending": status = SessionStatus.Pending; return true;
            case "running": status = SessionStatus.Running; return true;
            case "completed": status = SessionStatus.Completed; return true;
            case "failed": status = SessionStatus.Failed; return true;
            case "cancelled": status = SessionStatus.Cancelled; return true;
            default: status = default; return false;
        }
    }
}
