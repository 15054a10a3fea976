using System.Globalization;
using System.Text.Json;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Api.Status;

/// <summary>
/// Writes a <see cref="StatusAnswer"/> as HTTP: status code, <c>ETag</c>, <c>Cache-Control</c>, <c>Retry-After</c> and
/// the body. The fast path and the controller both answer through it, so the two can never differ.
/// </summary>
public sealed class StatusResponseWriter(IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json)
{
    private readonly byte[] _notFoundBody = JsonSerializer.SerializeToUtf8Bytes(ErrorResponse.SessionNotFound, json.Value.JsonSerializerOptions);

    public Task WriteAsync(HttpContext context, Guid sessionId, StatusAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        switch (answer)
        {
            case StatusAnswer.Body body:
                SetPollingHeaders(response, sessionId, body.Version);
                return WriteJsonAsync(context, StatusCodes.Status200OK, body.Json);
            case StatusAnswer.NotModified notModified:
                SetPollingHeaders(response, sessionId, notModified.Version);
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            default:
                return WriteJsonAsync(context, StatusCodes.Status404NotFound, _notFoundBody);
        }
    }

    private static void SetPollingHeaders(HttpResponse response, Guid sessionId, SessionVersion version)
    {
        var headers = response.Headers;
        headers.ETag = SessionETag.For(sessionId, version.Number);
        headers.CacheControl = "no-cache";
        if (version.RetryAfterSeconds is { } seconds)
        {
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int statusCode, byte[] json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}
