using Microsoft.Net.Http.Headers;

namespace Analysis.Api.Sessions;

/// <summary>
/// The status ETag: the session's id and version, so it changes with every change to the session and two
/// sessions never share one. Compared weakly, as RFC 9110 asks for If-None-Match.
/// </summary>
public static class SessionETags
{
    public static string For(Guid sessionId, int version) => $"\"{sessionId:N}-{version}\"";

    /// <summary>True when If-None-Match names this version of the session (or is <c>*</c>).</summary>
    public static bool Matches(IList<EntityTagHeaderValue> ifNoneMatch, Guid sessionId, int version)
    {
        ArgumentNullException.ThrowIfNull(ifNoneMatch);
        var current = new EntityTagHeaderValue(For(sessionId, version));
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
