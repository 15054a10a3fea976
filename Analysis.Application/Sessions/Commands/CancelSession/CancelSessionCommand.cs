namespace Analysis.Application.Sessions.Commands.CancelSession;

public sealed record CancelSessionCommand(Guid SessionId);
