namespace Analysis.Api.Http;

/// <summary>
/// HEAD is GET without the body (RFC 9110 9.3.2): the GET endpoints also accept HEAD, and whatever they write is
/// discarded here, headers (status, ETag, Content-Type, Content-Length) kept. Kestrel drops a HEAD body on its own;
/// this makes every server (the test server included) do the same.
/// </summary>
public sealed class HeadRequestMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Body = Stream.Null;
        }

        return next(context);
    }
}
