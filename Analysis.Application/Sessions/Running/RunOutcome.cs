namespace Analysis.Application.Sessions.Running;

public enum RunOutcome
{
    Completed,
    Failed,

    /// <summary>Cancelled, deleted or claimed by another worker while running: nothing more to do here.</summary>
    Superseded,
}
