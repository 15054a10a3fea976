namespace Analysis.Api.Sessions;

/// <summary>Marks the action whose memory-only answers <see cref="StatusFastPathMiddleware"/> may give.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StatusFastPathAttribute : Attribute;

/// <summary>
/// Answers the hottest request in the system — a status poll the server can answer from memory (304 for a current
/// ETag, or the cached body of the current version) — before MVC's action pipeline, which costs more than the
/// answer itself. It runs after routing and the rate limiter, so limits apply; anything it cannot answer
/// (unknown version, long polls, validation) goes on to <c>SessionController.GetStatus</c>, which gives the same
/// answers through the same <see cref="StatusPoller"/> and <see cref="StatusResponses"/>.
/// </summary>
public sealed class StatusFastPathMiddleware(RequestDelegate next, StatusPoller poller)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) &&
            context.GetEndpoint()?.Metadata.GetMetadata<StatusFastPathAttribute>() is not null &&
            !request.Query.ContainsKey("wait") &&
            request.RouteValues["id"] is string id &&
            SessionIds.TryParse(id, out var sessionId) &&
            poller.TryAnswerFromMemory(sessionId, request.Headers.IfNoneMatch, wantsToWait: false, out var answer))
        {
            return StatusResponses.WriteAsync(context, sessionId, answer);
        }

        return next(context);
    }
}
