namespace Analysis.Api.Http;

/// <summary>
/// Headers every response carries: no MIME sniffing, no referrer, and for everything but the reference page and the
/// web app a policy that lets a response load nothing and be framed by nobody (a JSON body has nothing to load). The server
/// banner is off in Kestrel's options.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The web app's pages and assets: its own scripts, styles and API calls only (charts style SVG inline).</summary>
    private const string AppPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        Apply(context);
        return next(context);
    }

    /// <summary>
    /// Sets the headers on the response. The exception handler clears a response before it writes its error, so it
    /// calls this again: an error answer carries them too.
    /// </summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var path = context.Request.Path;
        if (IsAppPath(path))
        {
            headers.ContentSecurityPolicy = AppPolicy;
        }
        else if (!path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = ApiPolicy;
        }
    }

    private static bool IsAppPath(PathString path) =>
        path == "/" || path.Equals("/index.html", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/sessions", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/datasets", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);
}
