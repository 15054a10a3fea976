using Analysis.Api.Http;
using System.Diagnostics;
using Analysis.Api.Uploads;
using Analysis.Domain.Common;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;
using Microsoft.AspNetCore.Diagnostics;

namespace Analysis.Api.Errors;

/// <summary>
/// The one place exceptions become HTTP answers. Known kinds map to their 4xx with a message for a person;
/// anything else is a 500 that carries no exception text, only a <c>traceId</c> that the error log line carries too.
/// A full disk is the service's problem, not the caller's: 503 with <c>Retry-After</c> and a message that says so,
/// reported to <see cref="StorageSpace"/> (readiness, and one critical log line a minute for the operator).
/// </summary>
public sealed class ApiExceptionHandler(
    ILogger<ApiExceptionHandler> logger, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, StorageSpace space) : IExceptionHandler
{
    private const int StorageRetryAfterSeconds = 2;

    /// <summary>A full disk is not made room on in seconds: an operator has to act.</summary>
    public const int StorageFullRetryAfterSeconds = 60;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not StorageFullException && StorageSpace.IsNoSpaceLeft(exception))
        {
            // An ENOSPC no reader translated: a file this layer writes, and the only ones are uploads waiting in the temporary folder.
            exception = new StorageFullException(StorageArea.TemporaryFolder, exception);
        }

        var traceId = TraceIdOf(httpContext);
        var (status, body) = exception switch
        {
            StorageFullException full => (StatusCodes.Status503ServiceUnavailable, new ErrorResponse(full.Message)),
            DatasetNotFoundException => (StatusCodes.Status404NotFound, new ErrorResponse(DatasetNotFoundException.Message404)),
            RequestValidationException v => (StatusCodes.Status400BadRequest, new ErrorResponse(v.Message) { Errors = v.Errors }),
            PayloadTooLargeException p => (StatusCodes.Status413PayloadTooLarge, new ErrorResponse(p.Message)),
            UnsupportedMediaTypeException u => (StatusCodes.Status415UnsupportedMediaType, new ErrorResponse(u.Message)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, new ErrorResponse("The request body is larger than the configured limit.")),
            BadHttpRequestException b => (b.StatusCode, new ErrorResponse("The request could not be read: it is malformed or incomplete.")),
            ConcurrencyConflictException => (StatusCodes.Status409Conflict,
                new ErrorResponse("The session was changed by another request at the same time; try again.")),
            BusinessRuleValidationException r => (StatusCodes.Status409Conflict, new ErrorResponse(r.Message)),
            ServiceUnavailableException u => (StatusCodes.Status503ServiceUnavailable, new ErrorResponse(u.Message)),
            StorageBusyException => (StatusCodes.Status503ServiceUnavailable,
                new ErrorResponse("The database is busy with other writes; try again shortly.")),
            StorageQuotaExceededException q => (StatusCodes.Status413PayloadTooLarge, new ErrorResponse(q.Message)),
            IdempotencyConflictException c => (StatusCodes.Status422UnprocessableEntity, new ErrorResponse(c.Message)),
            _ when IsTransientDatabaseFault(exception) => (StatusCodes.Status503ServiceUnavailable,
                new ErrorResponse("The database cannot be reached at the moment; try again shortly.")),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, null),
            _ => (StatusCodes.Status500InternalServerError, new ErrorResponse("An unexpected error occurred")),
        };

        if (exception is StorageFullException storageFull)
        {
            // The operator hears of it from StorageSpace, once a minute; each answer is only information.
            space.ReportFull(storageFull.Area, storageFull.InnerException);
            logger.LogInformation("{Method} {Path} answered 503: storage full ({Area}) (traceId {TraceId})",
                httpContext.Request.Method, httpContext.Request.Path.Value, storageFull.Area, traceId);
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}, traceId {TraceId}",
                httpContext.Request.Method, httpContext.Request.Path.Value, traceId);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable && exception is not ServiceUnavailableException)
        {
            logger.LogWarning("{Method} {Path} answered 503: {Reason} (traceId {TraceId})",
                httpContext.Request.Method, httpContext.Request.Path.Value, exception.GetBaseException().Message, traceId);
        }
        else
        {
            logger.LogInformation("{Method} {Path} answered {StatusCode}: {Reason} (traceId {TraceId})",
                httpContext.Request.Method, httpContext.Request.Path.Value, status, exception.Message, traceId);
        }

        if (body is null || httpContext.Response.HasStarted)
        {
            return true; // the client is gone, or the answer is already on its way
        }

        httpContext.Response.StatusCode = status;
        SecurityHeadersMiddleware.Apply(httpContext); // the exception handler middleware cleared the response's headers
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            var seconds = exception switch
            {
                ServiceUnavailableException unavailable => unavailable.RetryAfterSeconds,
                StorageFullException => StorageFullRetryAfterSeconds,
                _ => StorageRetryAfterSeconds,
            };
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Neither the request's token nor its services: a stopping host may have signalled or disposed them already,
        // and the answer (a small body) should still go out.
        await httpContext.Response.WriteAsJsonAsync(body with { TraceId = traceId }, json.Value.SerializerOptions, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// A database fault the provider calls transient (a dropped or refused connection, a server shutting down, a
    /// pool that stayed exhausted): the same request may succeed shortly, so it is a 503, not a 500.
    /// </summary>
    private static bool IsTransientDatabaseFault(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    public static string TraceIdOf(HttpContext httpContext) =>
        Activity.Current?.TraceId.ToHexString() ?? httpContext.TraceIdentifier;
}
