namespace Analysis.Application.Sessions.Queries.GetSessionScript;

/// <summary>The R script of a session <see cref="Owner"/> owns (issue #20).</summary>
public sealed record GetSessionScriptQuery(Guid SessionId, string Owner);
