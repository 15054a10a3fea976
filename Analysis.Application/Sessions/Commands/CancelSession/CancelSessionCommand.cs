namespace Analysis.Application.Sessions.Commands.CancelSession;

/// <summary>Cancel a pending or running session that <see cref="Owner"/> owns.</summary>
public sealed record CancelSessionCommand(Guid SessionId, string Owner);
