using Analysis.Api.Limits;
using Analysis.Api.RateLimiting;
using Analysis.Api.Status;
using Analysis.Api.Uploads;
using Analysis.Application.Abstractions;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Commands.CancelSession;
using Analysis.Application.Sessions.Commands.CreateSession;
using Analysis.Application.Sessions.Commands.DeleteSession;
using Analysis.Application.Sessions.Queries;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Application.Sessions.Queries.GetSessionReport;
using Analysis.Application.Sessions.Queries.GetSessionResults;
using Analysis.Application.Sessions.Queries.GetSessionSample;
using Analysis.Application.Sessions.Queries.GetSessionScript;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Application.Sessions.Queries.ListSessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Analysis.Api.Controllers;

/// <summary>
/// The sessions. Each action hands its work to one handler interface. The path is <c>/api/session</c>, singular, as
/// the original endpoint had it (the contract keeps it); the controller, like the web app's page for a session
/// (<c>/sessions/{id}</c>), is named for what it serves, many sessions.
/// </summary>
[Route("api/session")]
[Produces("application/json")]
public sealed class SessionsController(IOptions<AnalysisOptions> options) : ApiControllerBase
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Create a session from a CSV and a plan; it runs in the background.</summary>
    [HttpPost]
    [EnableRateLimiting(RateLimitingOptions.CreatePolicy)]
    [DisableFormValueModelBinding]
    [DisableRequestSizeLimit] // the reader enforces Analysis:MaxDatasetBytes + 1 MiB itself, as it streams
    [ProducesResponseType<SessionCreatedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Create(
        [FromServices] ICommandHandler<CreateSessionCommand, CreateSessionResult> handler,
        [FromServices] MemoryBudget memory,
        CancellationToken cancellationToken)
    {
        var command = await CreateSessionRequestReader.ReadAsync(Request, User.Owner(), options.Value, memory, cancellationToken) with
        {
            IdempotencyKey = Request.Headers.TryGetValue(IdempotencyKeyHeader, out var key) ? key.ToString() : null,
            IdempotencyKeyHeaders = key.Count,
        };
        await using var dataset = command.Dataset;
        var created = await handler.HandleAsync(command, cancellationToken);
        var statusUrl = StatusUrl(created.SessionId);
        Response.Headers.Location = statusUrl;
        Response.Headers.RetryAfter = "1";
        return StatusCode(StatusCodes.Status202Accepted, new SessionCreatedResponse(created.SessionId, created.Status, statusUrl));
    }

    /// <summary>
    /// Poll a session: its status and a summary of its progress. Send the last ETag in If-None-Match for a 304
    /// when nothing changed; add <c>?wait=</c> (up to 60 s) to be answered only when it changes.
    /// </summary>
    [HttpGet("{id}/status")]
    [HttpHead("{id}/status")]
    [EnableRateLimiting(RateLimitingOptions.StatusPolicy)]
    [StatusFastPath]
    [ProducesResponseType<SessionStatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> GetStatus(
        string id,
        [FromQuery] string? wait,
        [FromServices] IQueryHandler<GetSessionStatusQuery, StatusAnswer> handler,
        [FromServices] StatusResponseWriter writer,
        [FromServices] HeldRequests held,
        CancellationToken cancellationToken)
    {
        var waitSeconds = ParseWait(wait);
        if (!SessionIds.TryParse(id, out var sessionId))
        {
            return SessionNotFound();
        }

        var owner = User.Owner();
        var query = new GetSessionStatusQuery(sessionId, owner, Request.Headers.IfNoneMatch, waitSeconds);
        if (waitSeconds == 0 || Request.Headers.IfNoneMatch.Count == 0)
        {
            return new StatusAnswerResult(writer, sessionId, await handler.HandleAsync(query, cancellationToken));
        }

        // A long poll is held open: it takes a slot (503 past the limits) and is let go when shutdown begins.
        using var slot = held.Enter(owner);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Stopping);
        try
        {
            return new StatusAnswerResult(writer, sessionId, await handler.HandleAsync(query, open.Token));
        }
        catch (OperationCanceledException) when (held.Stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnavailableException("The service is restarting; poll again.");
        }
    }

    /// <summary>The whole session: dataset columns and the normalised plan.</summary>
    [HttpGet("{id}")]
    [HttpHead("{id}")]
    [ProducesResponseType<SessionDetailsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(
        string id,
        [FromServices] IQueryHandler<GetSessionDetailsQuery, SessionDetailsDto?> handler,
        CancellationToken cancellationToken)
    {
        if (!SessionIds.TryParse(id, out var sessionId) ||
            await handler.HandleAsync(new GetSessionDetailsQuery(sessionId, User.Owner()), cancellationToken) is not { } session)
        {
            return SessionNotFound();
        }

        return Ok(new SessionDetailsResponse(session));
    }

    /// <summary>The results, one entry per analysis in plan order; 409 until the session is completed.</summary>
    [HttpGet("{id}/results")]
    [HttpHead("{id}/results")]
    [ProducesResponseType<SessionResultsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> GetResults(
        string id,
        [FromServices] IQueryHandler<GetSessionResultsQuery, SessionResultsDto?> handler,
        CancellationToken cancellationToken)
    {
        if (!SessionIds.TryParse(id, out var sessionId) ||
            await handler.HandleAsync(new GetSessionResultsQuery(sessionId, User.Owner()), cancellationToken) is not { } results)
        {
            return SessionNotFound();
        }

        if (!results.IsAvailable)
        {
            return Conflict(new ErrorResponse($"Results are not available: the session is {results.Status}") { Status = results.Status });
        }

        return Ok(new SessionResultsResponse(results.SessionId, results.Status, results.ResultsJson!));
    }

    /// <summary>
    /// The session as a base-R script that recomputes every analysis and checks every number the service reported
    /// against R's; 409 until the session is completed.
    /// </summary>
    [HttpGet("{id}/script.R")]
    [Produces("text/plain", "application/json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/plain")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict, "application/json")]
    public async Task<IActionResult> GetScript(
        string id,
        [FromServices] IQueryHandler<GetSessionScriptQuery, SessionDocumentDto?> handler,
        CancellationToken cancellationToken) =>
        Document(
            SessionIds.TryParse(id, out var sessionId) ? await handler.HandleAsync(new GetSessionScriptQuery(sessionId, User.Owner()), cancellationToken) : null,
            "The script", "text/plain; charset=utf-8", "attachment");

    /// <summary>
    /// The session as a report: one self-contained HTML page (styles inline, charts as inline SVG, no other URL) with
    /// each analysis's APA-style tables and sentence, its warnings and its R call; <c>?format=md</c> gives it as
    /// Markdown. 409 until the session is completed.
    /// </summary>
    [HttpGet("{id}/report")]
    [Produces("text/html", "text/markdown", "application/json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html", "text/markdown")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound, "application/json")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict, "application/json")]
    public async Task<IActionResult> GetReport(
        string id,
        [FromQuery] string? format,
        [FromServices] IQueryHandler<GetSessionReportQuery, SessionDocumentDto?> handler,
        CancellationToken cancellationToken)
    {
        if (format is not (null or "html" or "md"))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["Must be html (the default) or md."] });
        }

        var report = SessionIds.TryParse(id, out var sessionId)
            ? await handler.HandleAsync(new GetSessionReportQuery(sessionId, User.Owner(), format == "md"), cancellationToken)
            : null;
        if (report is { IsAvailable: true })
        {
            // The page's own styles and inline SVG, nothing else: it loads no other resource.
            Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        }

        return Document(report, "The report", format == "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8", "inline");
    }

    /// <summary>A document of a session (its script, its report): 404 when unknown, 409 until it is completed, else its text.</summary>
    private IActionResult Document(SessionDocumentDto? document, string what, string contentType, string disposition)
    {
        if (document is null)
        {
            return SessionNotFound();
        }

        if (!document.IsAvailable)
        {
            return Conflict(new ErrorResponse($"{what} is not available: the session is {document.Status}") { Status = document.Status });
        }

        Response.Headers.ContentDisposition = $"{disposition}; filename=\"{document.FileName}\"";
        return Content(document.Text!, contentType, new System.Text.UTF8Encoding(false));
    }

    /// <summary>
    /// Rows of the session's dataset for a chart: the named columns (up to 20: the parameter once for each) of at most
    /// <c>limit</c> rows (1–10,000, default 2,000), evenly spaced through the file when it has more.
    /// </summary>
    [HttpGet("{id}/sample")]
    [HttpHead("{id}/sample")]
    [ProducesResponseType<SessionSampleResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetSample(
        string id,
        [FromServices] IQueryHandler<GetSessionSampleQuery, SampleDto?> handler,
        CancellationToken cancellationToken,
        [FromQuery] string[]? columns = null,
        [FromQuery] int limit = DatasetSample.DefaultLimit)
    {
        if (!SessionIds.TryParse(id, out var sessionId) ||
            await handler.HandleAsync(new GetSessionSampleQuery(sessionId, User.Owner(), columns ?? [], limit), cancellationToken) is not { } sample)
        {
            return SessionNotFound();
        }

        return Ok(new SessionSampleResponse(sessionId, sample.Rows, sample.Sampled, SampleColumn.From(sample)));
    }

    /// <summary>Sessions, newest first, optionally of one status.</summary>
    [HttpGet]
    [HttpHead]
    [ProducesResponseType<SessionListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> List(
        [FromServices] IQueryHandler<ListSessionsQuery, SessionListDto> handler,
        CancellationToken cancellationToken,
        [FromQuery] string? status = null,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = 20,
        [FromQuery] Guid? datasetId = null)
    {
        var list = await handler.HandleAsync(new ListSessionsQuery(User.Owner(), status, page, pageSize, datasetId), cancellationToken);
        return Ok(new SessionListResponse(list.Sessions, list.Page, list.PageSize, list.Total));
    }

    /// <summary>Cancel a pending or running session.</summary>
    [HttpPost("{id}/cancel")]
    [ProducesResponseType<SessionCancelledResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Cancel(
        string id,
        [FromServices] ICommandHandler<CancelSessionCommand, CancelSessionResult> handler,
        CancellationToken cancellationToken)
    {
        if (!SessionIds.TryParse(id, out var sessionId))
        {
            return SessionNotFound();
        }

        var result = await handler.HandleAsync(new CancelSessionCommand(sessionId, User.Owner()), cancellationToken);
        return result.Outcome switch
        {
            CancelOutcome.Cancelled => Ok(new SessionCancelledResponse(result.Status!)),
            CancelOutcome.AlreadyTerminal => Conflict(new ErrorResponse($"Session is already {result.Status}") { Status = result.Status }),
            _ => SessionNotFound(),
        };
    }

    /// <summary>Erase a session, its dataset and its results (a running one is stopped).</summary>
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(
        string id,
        [FromServices] ICommandHandler<DeleteSessionCommand, bool> handler,
        CancellationToken cancellationToken)
    {
        if (!SessionIds.TryParse(id, out var sessionId) ||
            !await handler.HandleAsync(new DeleteSessionCommand(sessionId, User.Owner()), cancellationToken))
        {
            return SessionNotFound();
        }

        return NoContent();
    }

    /// <summary><c>?wait=</c>: whole seconds from 0 to 60; anything else is a 400 naming the parameter.</summary>
    private static int ParseWait(string? wait)
    {
        if (wait is null)
        {
            return 0;
        }

        if (int.TryParse(wait, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) &&
            seconds <= GetSessionStatusQuery.MaxWaitSeconds)
        {
            return seconds;
        }

        throw new RequestValidationException(new Dictionary<string, string[]>
        {
            ["wait"] = [$"Must be a whole number of seconds from 0 to {GetSessionStatusQuery.MaxWaitSeconds}."],
        });
    }

    private static string StatusUrl(Guid id) => $"/api/session/{SessionIds.Format(id)}/status";

    private NotFoundObjectResult SessionNotFound() => NotFound(ErrorResponse.SessionNotFound);
}
