using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Status;

/// <summary>The controller's way to return a <see cref="StatusAnswer"/>, written exactly as the fast path writes it.</summary>
public sealed class StatusAnswerResult(StatusResponseWriter writer, Guid sessionId, StatusAnswer answer) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return writer.WriteAsync(context.HttpContext, sessionId, answer);
    }
}
