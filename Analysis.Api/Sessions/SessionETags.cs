using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Analysis.Api.Sessions;

/// <summary>
/// The status ETag: the session's id and version, so it changes with every change to the session and two
/// sessions never share one. Compared weakly, as RFC 9110 asks for If-None-Match.
/// </summary>
public static class SessionETags
{
    public static string For(Guid sessionId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{sessionId:N}-{version}\"");

    /// <summary>True when If-None-Match names this version of the session (or is <c>*</c>).</summary>
    public static bool Matches(StringValues ifNoneMatch, Guid sessionId, int version)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        var current = For(sessionId, version);

        // The common case, a poller echoing the tag it was given, needs no parsing.
        if (ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], current, StringComparison.Ordinal))
        {
            return true;
        }

        var tag = new EntityTagHeaderValue(current);
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
               tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
    }
}
