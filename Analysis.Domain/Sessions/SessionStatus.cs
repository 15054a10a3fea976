namespace Analysis.Domain.Sessions;

public enum SessionStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
