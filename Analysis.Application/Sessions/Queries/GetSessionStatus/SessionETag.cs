using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// The status ETag: the session's id and version, so it changes with every change to the session and two
/// sessions never share one. If-None-Match is compared weakly, as RFC 9110 (13.1.2) asks.
/// </summary>
public static class SessionETag
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

        foreach (var value in ifNoneMatch)
        {
            if (value is not null && ListNames(value, current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Walks one header value: <c>*</c>, or a comma-separated list of entity tags (<c>"x"</c> or weak <c>W/"x"</c>),
    /// with optional white space and empty elements. A malformed list names nothing.
    /// </summary>
    private static bool ListNames(ReadOnlySpan<char> list, string current)
    {
        var found = false;
        var rest = list;
        while (true)
        {
            rest = rest.TrimStart(" \t");
            if (rest.IsEmpty)
            {
                return found;
            }

            if (rest[0] == ',')
            {
                rest = rest[1..];
                continue;
            }

            if (rest[0] == '*')
            {
                found = true;
                rest = rest[1..];
            }
            else
            {
                if (rest.StartsWith("W/", StringComparison.Ordinal))
                {
                    rest = rest[2..];
                }

                if (rest.IsEmpty || rest[0] != '"')
                {
                    return false;
                }

                var close = rest[1..].IndexOf('"');
                if (close < 0)
                {
                    return false;
                }

                found |= rest[..(close + 2)].SequenceEqual(current);
                rest = rest[(close + 2)..];
            }

            rest = rest.TrimStart(" \t");
            if (!rest.IsEmpty && rest[0] != ',')
            {
                return false;
            }
        }
    }
}
