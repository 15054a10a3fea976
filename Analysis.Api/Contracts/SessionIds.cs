namespace Analysis.Api.Contracts;

/// <summary>Session ids on the wire: UUIDs, lowercase with hyphens. Anything else names no session (404).</summary>
public static class SessionIds
{
    public static bool TryParse(string? text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    public static string Format(Guid id) => id.ToString("D");
}
