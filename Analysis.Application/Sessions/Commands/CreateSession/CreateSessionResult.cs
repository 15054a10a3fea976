namespace Analysis.Application.Sessions.Commands.CreateSession;

public sealed record CreateSessionResult(Guid SessionId, string Status);
