namespace Analysis.Application.Sessions.Commands.DeleteSession;

/// <summary>Erase a session with its dataset and results; a running one is stopped by the change it sees.</summary>
public sealed record DeleteSessionCommand(Guid SessionId, string Owner);
