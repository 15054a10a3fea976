namespace Analysis.Application.Sessions.Queries.GetSessionScript;

/// <summary>The R script of a session <see cref="Owner"/> owns (issue #20).</summary>
public sealed record GetSessionScriptQuery(Guid SessionId, string Owner);

/// <summary>The session's status and, when it is completed, its R script and the file name to give it.</summary>
public sealed record SessionScriptDto(string Status, string? FileName, string? Script)
{
    public bool IsAvailable => Script is not null;
}
