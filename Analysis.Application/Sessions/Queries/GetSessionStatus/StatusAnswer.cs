using Analysis.Application.Sessions.Changes;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>A status poll's answer: the body (serialized), "not modified", or not found.</summary>
public abstract record StatusAnswer
{
    /// <summary>The one "not found" answer: an unknown, malformed or deleted id.</summary>
    public static StatusAnswer NotFound { get; } = new Missing();

    /// <summary>The session's current body, serialized once per version, with the version its headers come from.</summary>
    public sealed record Body(SessionVersion Version, byte[] Json) : StatusAnswer;

    /// <summary>The client's ETag names the current version: 304.</summary>
    public sealed record NotModified(SessionVersion Version) : StatusAnswer;

    /// <summary>No such session for this caller: 404.</summary>
    public sealed record Missing : StatusAnswer;
}
