using System.Threading.Channels;
using Analysis.Api.Limits;
using Analysis.Api.RateLimiting;
using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Analysis.Api.Controllers;

/// <summary>
/// <c>GET /api/session/{id}/events</c>: the status body as server-sent events, at once and on every change, with
/// heartbeat comments while idle; the stream ends after a terminal status (or when the session is deleted).
/// The bodies are the status endpoint's own, read (and cached) by the same <see cref="GetSessionStatusQueryHandler"/>.
/// </summary>
[Route("api/session")]
public sealed class SessionEventsController(
    IQueryHandler<GetSessionStatusQuery, StatusAnswer> statusHandler,
    ISessionChanges sessionChanges,
    HeldRequests held,
    IOptions<PollingOptions> polling) : ApiControllerBase
{
    private static readonly byte[] Data = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly TimeSpan RetryAfterOutage = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Follow a session as a stream of server-sent events: an <c>event: status</c> with the status body at once and
    /// on every change; the stream ends after a terminal status.
    /// </summary>
    [HttpGet("{id}/events")]
    [EnableRateLimiting(RateLimitingOptions.StatusPolicy)]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status404NotFound, "application/json")]
    [ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status429TooManyRequests, "application/json")]
    [ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status503ServiceUnavailable, "application/json")]
    public async Task<IActionResult> Stream(string id, CancellationToken cancellationToken)
    {
        if (!SessionIds.TryParse(id, out var sessionId))
        {
            return NotFound(ErrorResponse.SessionNotFound);
        }

        var owner = User.Owner();

        // Subscribed before the first read, so no change between the read and the subscription is missed.
        // A missed change is read as a change: the body is read again, and sent if its version moved on.
        var changes = Channel.CreateBounded<SessionVersion?>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var subscription = sessionChanges.Subscribe(sessionId, v => changes.Writer.TryWrite(v), onMissed: () => changes.Writer.TryWrite(null));

        if (await statusHandler.HandleAsync(new GetSessionStatusQuery(sessionId, owner), cancellationToken) is not StatusAnswer.Body status)
        {
            return NotFound(ErrorResponse.SessionNotFound);
        }

        // A stream is held open: it takes a slot (503 past the limits) and ends when shutdown begins.
        using var slot = held.Enter(owner);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Stopping);

        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache";
        Response.Headers["X-Accel-Buffering"] = "no";
        await WriteStatusAsync(status, cancellationToken);

        var heartbeat = TimeSpan.FromSeconds(polling.Value.HeartbeatSeconds);
        var readAgain = false; // the last read found the database away: read again in a second
        while (!status.Version.IsTerminal)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(open.Token);
            idle.CancelAfter(readAgain ? RetryAfterOutage : heartbeat);
            SessionVersion? change = null;
            try
            {
                change = await changes.Reader.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (held.Stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Shutting down: tell EventSource to reconnect in a second (to another instance, or this one restarted).
                await Response.WriteAsync("retry: 1000\n: the service is restarting\n\n", cancellationToken);
                await Response.Body.FlushAsync(cancellationToken);
                break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !readAgain)
            {
                await Response.WriteAsync(": heartbeat\n\n", cancellationToken);
                await Response.Body.FlushAsync(cancellationToken);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A second since the database could not be reached: read again.
            }

            if (change is { IsDeleted: true })
            {
                break;
            }

            StatusAnswer answer;
            try
            {
                answer = await statusHandler.HandleAsync(new GetSessionStatusQuery(sessionId, owner), cancellationToken);
                readAgain = false;
            }
            catch (Analysis.Domain.Sessions.StorageBusyException)
            {
                // The stream outlives a database outage: it says so, and reads again every second until it is back.
                if (!readAgain)
                {
                    await Response.WriteAsync(": the database cannot be reached; the stream goes on\n\n", cancellationToken);
                    await Response.Body.FlushAsync(cancellationToken);
                }

                readAgain = true;
                continue;
            }

            if (answer is not StatusAnswer.Body next)
            {
                break;
            }

            if (next.Version.Number > status.Version.Number)
            {
                status = next;
                await WriteStatusAsync(status, cancellationToken);
            }
        }

        return new EmptyResult();
    }

    private async Task WriteStatusAsync(StatusAnswer.Body status, CancellationToken cancellationToken)
    {
        await Response.WriteAsync($"id: {status.Version.Number}\nevent: status\n", cancellationToken);
        await Response.Body.WriteAsync(Data, cancellationToken);
        await Response.Body.WriteAsync(status.Json, cancellationToken);
        await Response.Body.WriteAsync(EventEnd, cancellationToken);
        await Response.Body.FlushAsync(cancellationToken);
    }
}
