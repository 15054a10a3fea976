using System.Text.Json;
using Analysis.Api.Contracts;
using Analysis.Application.Abstractions;
using Analysis.Application.Ports;
using Analysis.Application.Sessions.Polling;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Analysis.Api.Sessions;

/// <summary>A status request's answer: the body (serialized), "not modified", or not found.</summary>
public abstract record StatusAnswer
{
    public sealed record Body(int Version, int? RetryAfterSeconds, byte[] Json) : StatusAnswer;

    public sealed record NotModified(int Version, int? RetryAfterSeconds) : StatusAnswer;

    public sealed record NotFound : StatusAnswer;
}

/// <summary>
/// Conditional, cached and long-poll status reads. When the version map knows the session's current version,
/// If-None-Match naming it is a 304 and a body cached for it is served as is — neither touches the database. With
/// <c>?wait=</c> the request is held (asynchronously) until the session changes or the time is up. Everything else
/// is the ordinary read through the query handler, which is resolved only when it is needed (it brings a
/// database context with it).
/// </summary>
public sealed class StatusPoller(
    ISessionVersionMap versions,
    SessionChangeWaiter waiter,
    StatusBodyCache bodies,
    IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json)
{
    /// <param name="sessionId">The session.</param>
    /// <param name="ifNoneMatch">The request's If-None-Match values, unparsed.</param>
    /// <param name="waitSeconds">How long a matching request may be held (0: answer at once).</param>
    /// <param name="services">The request's services, for the query handler when the database must be read.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    public async ValueTask<StatusAnswer> ReadAsync(
        Guid sessionId, StringValues ifNoneMatch, int waitSeconds, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (TryAnswerFromMemory(sessionId, ifNoneMatch, waitSeconds > 0, out var remembered))
        {
            return remembered;
        }

        if (!versions.TryGet(sessionId, out var current))
        {
            var read = await ReadBodyAsync(sessionId, services, cancellationToken);
            if (read is not StatusAnswer.Body body || !SessionETags.Matches(ifNoneMatch, sessionId, body.Version))
            {
                return read;
            }

            current = versions.TryGet(sessionId, out var seen) ? seen : new SessionVersion(body.Version, false, body.RetryAfterSeconds);
        }

        if (current.IsDeleted)
        {
            return new StatusAnswer.NotFound();
        }

        if (SessionETags.Matches(ifNoneMatch, sessionId, current.Version))
        {
            if (waitSeconds == 0 || current.IsTerminal)
            {
                return new StatusAnswer.NotModified(current.Version, current.RetryAfterSeconds);
            }

            var changed = await waiter.WaitForChangeAsync(
                sessionId, current.Version, TimeSpan.FromSeconds(waitSeconds), ReadVersionAsync(sessionId, services), cancellationToken);
            if (!changed)
            {
                return versions.TryGet(sessionId, out var latest)
                    ? new StatusAnswer.NotModified(latest.Version, latest.RetryAfterSeconds)
                    : new StatusAnswer.NotModified(current.Version, current.RetryAfterSeconds);
            }

            if (!versions.TryGet(sessionId, out var after))
            {
                return await ReadBodyAsync(sessionId, services, cancellationToken);
            }

            if (after.IsDeleted)
            {
                return new StatusAnswer.NotFound();
            }

            current = after;
        }

        return bodies.TryGet(sessionId, current.Version, out var cached)
            ? new StatusAnswer.Body(current.Version, current.RetryAfterSeconds, cached)
            : await ReadBodyAsync(sessionId, services, cancellationToken);
    }

    /// <summary>
    /// The answer when memory alone gives it: the version map knows the session's current version, and either the
    /// request's tag names it (304, unless the request wants to wait) or a body for it is cached (200). False means
    /// the database or a wait is needed.
    /// </summary>
    public bool TryAnswerFromMemory(Guid sessionId, StringValues ifNoneMatch, bool wantsToWait, out StatusAnswer answer)
    {
        answer = NotFoundAnswer;
        if (!versions.TryGet(sessionId, out var current))
        {
            return false;
        }

        if (current.IsDeleted)
        {
            return true;
        }

        if (SessionETags.Matches(ifNoneMatch, sessionId, current.Version))
        {
            answer = new StatusAnswer.NotModified(current.Version, current.RetryAfterSeconds);
            return !wantsToWait || current.IsTerminal;
        }

        if (bodies.TryGet(sessionId, current.Version, out var cached))
        {
            answer = new StatusAnswer.Body(current.Version, current.RetryAfterSeconds, cached);
            return true;
        }

        return false;
    }

    private static readonly StatusAnswer NotFoundAnswer = new StatusAnswer.NotFound();

    private async Task<StatusAnswer> ReadBodyAsync(Guid sessionId, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await ReadStatusAsync(sessionId, services, cancellationToken) is not { } status)
        {
            return new StatusAnswer.NotFound();
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new SessionStatusResponse(status.Status, status.Summary), json.Value.JsonSerializerOptions);
        bodies.Set(sessionId, status.Version, body);
        return new StatusAnswer.Body(status.Version, status.RetryAfterSeconds, body);
    }

    private static Task<SessionStatusDto?> ReadStatusAsync(Guid sessionId, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IQueryHandler<GetSessionStatusQuery, SessionStatusDto?>>()
            .HandleAsync(new GetSessionStatusQuery(sessionId), cancellationToken);

    private static Func<CancellationToken, Task<SessionVersion?>> ReadVersionAsync(Guid sessionId, IServiceProvider services) => async cancellationToken =>
        await ReadStatusAsync(sessionId, services, cancellationToken) is { } status
            ? new SessionVersion(status.Version, status.IsTerminal, status.RetryAfterSeconds)
            : SessionVersion.Deleted;
}
