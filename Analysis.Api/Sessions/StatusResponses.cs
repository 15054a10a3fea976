using System.Globalization;
using Analysis.Application.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Sessions;

/// <summary>Writes a <see cref="StatusAnswer"/>: status code, ETag, Cache-Control, Retry-After and body.</summary>
public static class StatusResponses
{
    // The same bytes the controllers' NotFound(new ErrorResponse(...)) writes (tested).
    private static readonly byte[] NotFoundBody = """{"success":false,"error":"Session not found"}"""u8.ToArray();

    public static Task WriteAsync(HttpContext context, Guid sessionId, StatusAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        switch (answer)
        {
            case StatusAnswer.Body body:
                SetPollingHeaders(response, sessionId, body.State);
                return WriteJsonAsync(context, StatusCodes.Status200OK, body.Json);
            case StatusAnswer.NotModified notModified:
                SetPollingHeaders(response, sessionId, notModified.State);
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            default:
                return WriteJsonAsync(context, StatusCodes.Status404NotFound, NotFoundBody);
        }
    }

    private static void SetPollingHeaders(HttpResponse response, Guid sessionId, SessionVersion state)
    {
        var headers = response.Headers;
        headers.ETag = SessionETags.For(sessionId, state.Version);
        headers.CacheControl = "no-cache";
        if (state.RetryAfterSeconds is { } seconds)
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

/// <summary>The controller's way to return a <see cref="StatusAnswer"/>, written exactly as the fast path writes it.</summary>
public sealed class StatusAnswerResult(Guid sessionId, StatusAnswer answer) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StatusResponses.WriteAsync(context.HttpContext, sessionId, answer);
    }
}
