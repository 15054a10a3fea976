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
    public sealed record Body(SessionVersion State, byte[] Json) : StatusAnswer;

    public sealed record NotModified(SessionVersion State) : StatusAnswer;

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
    private static readonly StatusAnswer NotFoundAnswer = new StatusAnswer.NotFound();

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

        // Memory knows the current version only when the tag names it and the client waits; else read it.
        if (!versions.TryGet(sessionId, out var current) || !SessionETags.Matches(ifNoneMatch, sessionId, current.Version))
        {
            var read = await ReadBodyAsync(sessionId, services, cancellationToken);
            if (read is not StatusAnswer.Body body || !SessionETags.Matches(ifNoneMatch, sessionId, body.State.Version))
            {
                return read;
            }

            current = body.State;
            if (waitSeconds == 0 || current.IsTerminal)
            {
                return new StatusAnswer.NotModified(current);
            }
        }

        var changed = await waiter.WaitForChangeAsync(
            sessionId, current.Version, TimeSpan.FromSeconds(waitSeconds), ReadVersionAsync(sessionId, services), cancellationToken);
        if (!changed)
        {
            return new StatusAnswer.NotModified(versions.TryGet(sessionId, out var latest) ? latest : current);
        }

        return await ReadCurrentAsync(sessionId, services, cancellationToken);
    }

    /// <summary>The current body (from memory when its version's body is cached), or not found.</summary>
    public async ValueTask<StatusAnswer> ReadCurrentAsync(Guid sessionId, IServiceProvider services, CancellationToken cancellationToken) =>
        TryAnswerFromMemory(sessionId, StringValues.Empty, wantsToWait: false, out var current)
            ? current
            : await ReadBodyAsync(sessionId, services, cancellationToken);

    /// <summary>
    /// The answer when memory alone gives it: the version map knows the session's current version, and either the
    /// request's tag names it (304, unless the request wants to wait) or a body for it is cached (200), or the
    /// session is known to be deleted (404). False means the database or a wait is needed.
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
            answer = new StatusAnswer.NotModified(current);
            return !wantsToWait || current.IsTerminal;
        }

        if (bodies.TryGet(sessionId, current.Version, out var cached))
        {
            answer = new StatusAnswer.Body(current, cached);
            return true;
        }

        return false;
    }

    private async Task<StatusAnswer> ReadBodyAsync(Guid sessionId, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await ReadStatusAsync(sessionId, services, cancellationToken) is not { } status)
        {
            return NotFoundAnswer;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new SessionStatusResponse(status.Status, status.Summary), json.Value.JsonSerializerOptions);
        bodies.Set(sessionId, status.Version, body);
        return new StatusAnswer.Body(StateOf(status), body);
    }

    private static Task<SessionStatusDto?> ReadStatusAsync(Guid sessionId, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IQueryHandler<GetSessionStatusQuery, SessionStatusDto?>>()
            .HandleAsync(new GetSessionStatusQuery(sessionId), cancellationToken);

    private static Func<CancellationToken, Task<SessionVersion?>> ReadVersionAsync(Guid sessionId, IServiceProvider services) => async cancellationToken =>
        await ReadStatusAsync(sessionId, services, cancellationToken) is { } status ? StateOf(status) : SessionVersion.Deleted;

    private static SessionVersion StateOf(SessionStatusDto status) => new(status.Version, status.IsTerminal, status.RetryAfterSeconds);
}
