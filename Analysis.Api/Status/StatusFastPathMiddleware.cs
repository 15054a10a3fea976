using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Api.Status;

/// <summary>
/// Answers the hottest request in the system — a status poll the server can answer from memory (304 for a current
/// ETag, the cached body of the current version, 404 for a session known deleted) — before MVC's action pipeline,
/// which costs more than the answer itself (ADR-0007). It runs after routing, authentication and the rate limiter,
/// so limits apply; it enforces the endpoint's one authorization rule itself (an authenticated caller; anyone else
/// goes on to the authorization middleware and its 401), so that a memory answer skips that middleware too;
/// anything memory cannot answer (unknown version, long polls) goes on to <c>SessionsController.GetStatus</c>, which
/// asks the same <see cref="GetSessionStatusQueryHandler"/> and writes through the same <see cref="StatusResponseWriter"/>.
/// </summary>
public sealed class StatusFastPathMiddleware(RequestDelegate next, GetSessionStatusQueryHandler handler, StatusResponseWriter writer)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
            context.User.Identity is { IsAuthenticated: true } &&
            context.GetEndpoint()?.Metadata.GetMetadata<StatusFastPathAttribute>() is not null &&
            !request.Query.ContainsKey("wait") &&
            request.RouteValues["id"] is string id &&
            SessionIds.TryParse(id, out var sessionId) &&
            handler.TryAnswerFromMemory(new GetSessionStatusQuery(sessionId, context.User.Owner(), request.Headers.IfNoneMatch), out var answer))
        {
            return writer.WriteAsync(context, sessionId, answer);
        }

        return next(context);
    }
}
