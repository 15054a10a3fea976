using Analysis.Application.Abstractions;
using Analysis.Application.Ports;
using Analysis.Application.Sessions.Polling;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Microsoft.Net.Http.Headers;

namespace Analysis.Api.Sessions;

/// <summary>A status request's answer: the body, "not modified" with what the headers need, or not found.</summary>
public abstract record StatusAnswer
{
    public sealed record Body(SessionStatusDto Status) : StatusAnswer;

    public sealed record NotModified(int Version, int? RetryAfterSeconds) : StatusAnswer;

    public sealed record NotFound : StatusAnswer;
}

/// <summary>
/// Conditional and long-poll status reads. With If-None-Match naming the version this process already knows,
/// the answer is 304 without the database; with <c>?wait=</c>, the request is held (asynchronously) until the
/// session changes or the time is up. Everything else is the ordinary read through the query handler.
/// </summary>
public sealed class StatusPoller(
    IQueryHandler<GetSessionStatusQuery, SessionStatusDto?> handler,
    ISessionVersionMap versions,
    SessionChangeWaiter waiter)
{
    public async Task<StatusAnswer> ReadAsync(
        Guid sessionId, IList<EntityTagHeaderValue> ifNoneMatch, int waitSeconds, CancellationToken cancellationToken)
    {
        if (ifNoneMatch.Count == 0)
        {
            return await ReadBodyAsync(sessionId, cancellationToken);
        }

        SessionStatusDto? read = null;
        if (!versions.TryGet(sessionId, out var current))
        {
            read = await handler.HandleAsync(new GetSessionStatusQuery(sessionId), cancellationToken);
            if (read is null)
            {
                return new StatusAnswer.NotFound();
            }

            current = new SessionVersion(read.Version, read.IsTerminal, read.RetryAfterSeconds);
        }

        if (current.IsDeleted)
        {
            return new StatusAnswer.NotFound();
        }

        if (!SessionETags.Matches(ifNoneMatch, sessionId, current.Version))
        {
            return read is null ? await ReadBodyAsync(sessionId, cancellationToken) : new StatusAnswer.Body(read);
        }

        if (waitSeconds > 0 && !current.IsTerminal)
        {
            var changed = await waiter.WaitForChangeAsync(
                sessionId, current.Version, TimeSpan.FromSeconds(waitSeconds), ReadVersionAsync(sessionId), cancellationToken);
            if (changed)
            {
                return await ReadBodyAsync(sessionId, cancellationToken);
            }

            if (versions.TryGet(sessionId, out var latest))
            {
                current = latest;
            }
        }

        return new StatusAnswer.NotModified(current.Version, current.RetryAfterSeconds);
    }

    private async Task<StatusAnswer> ReadBodyAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await handler.HandleAsync(new GetSessionStatusQuery(sessionId), cancellationToken) is { } status
            ? new StatusAnswer.Body(status)
            : new StatusAnswer.NotFound();

    private Func<CancellationToken, Task<SessionVersion?>> ReadVersionAsync(Guid sessionId) => async cancellationToken =>
        await handler.HandleAsync(new GetSessionStatusQuery(sessionId), cancellationToken) is { } status
            ? new SessionVersion(status.Version, status.IsTerminal, status.RetryAfterSeconds)
            : SessionVersion.Deleted;
}
