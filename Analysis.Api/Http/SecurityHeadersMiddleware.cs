namespace Analysis.Api.Http;

/// <summary>
/// Headers every response carries: no MIME sniffing, no referrer, and for everything but the reference page a
/// policy that lets a response load nothing and be framed by nobody (a JSON body has nothing to load). The server
/// banner is off in Kestrel's options.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = ApiPolicy;
        }

        return next(context);
    }
}
