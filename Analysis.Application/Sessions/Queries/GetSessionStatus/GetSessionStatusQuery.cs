using Microsoft.Extensions.Primitives;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// A status poll: the session, its caller's owner, the ETags the client already holds (If-None-Match, unparsed)
/// and how long it may be held for a change (<c>?wait=</c>; 0 answers at once). A struct: it is made for every
/// poll, the hottest request in the system.
/// </summary>
public readonly record struct GetSessionStatusQuery(Guid SessionId, string Owner, StringValues IfNoneMatch = default, int WaitSeconds = 0)
{
    /// <summary>The longest long poll a client may ask for (docs/api.md).</summary>
    public const int MaxWaitSeconds = 60;
}
