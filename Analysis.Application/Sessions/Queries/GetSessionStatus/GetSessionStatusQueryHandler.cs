using System.Text.Json;
using Analysis.Application.Common.Json;
using Analysis.Application.Sessions.Changes;
using AutoMapper;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// The status poll: the hottest request in the system. In order of cost:
/// <list type="number">
/// <item>Memory: when <see cref="CurrentVersions"/> knows the session's current version, If-None-Match naming it is a 304 and a
/// body cached for it is served as is; a session known to be deleted is a 404. Neither touches the database
/// (<see cref="TryAnswerFromMemory"/>, which the API also calls before MVC for the cheapest answers).</item>
/// <item>Database: one primary-key read without tracking, mapped, serialized once and cached for its version.</item>
/// <item>Long poll: with <c>?wait=</c> and a current ETag, the request is held on <see cref="SessionChangeWaiter"/>
/// until the session changes (then its new body) or the time is up (then 304).</item>
/// </list>
/// A singleton: it holds no database context between reads (<see cref="ISessionStatusReader"/>).
/// </summary>
public sealed class GetSessionStatusQueryHandler(
    ISessionStatusReader reader,
    CurrentVersions versions,
    StatusBodyCache bodies,
    SessionChangeWaiter waiter,
    IMapper mapper,
    IOptions<AnalysisOptions> options,
    TimeProvider time)
    : IQueryHandler<GetSessionStatusQuery, StatusAnswer>
{
    public async Task<StatusAnswer> HandleAsync(GetSessionStatusQuery query, CancellationToken cancellationToken)
    {
        var (sessionId, owner, ifNoneMatch, waitSeconds) = query;
        if (TryAnswerFromMemory(query, out var remembered))
        {
            return remembered;
        }

        // Memory knows the current version only when the tag names it and the client waits; else read it.
        if (!versions.TryGet(sessionId, out var known) || !known.IsOwnedBy(owner) ||
            !SessionETag.Matches(ifNoneMatch, sessionId, known.Number))
        {
            var read = await ReadAsync(sessionId, owner, cancellationToken);
            if (read is not StatusAnswer.Body body || !SessionETag.Matches(ifNoneMatch, sessionId, body.Version.Number))
            {
                return read;
            }

            known = body.Version;
            if (waitSeconds == 0)
            {
                return new StatusAnswer.NotModified(known);
            }
        }

        var waitEnds = time.GetUtcNow().AddSeconds(waitSeconds);
        var changed = await waiter.WaitForChangeAsync(
            sessionId, known.Number, TimeSpan.FromSeconds(waitSeconds), ct => ReadVersionAsync(sessionId, owner, ct), cancellationToken);
        if (!changed)
        {
            return new StatusAnswer.NotModified(versions.TryGet(sessionId, out var latest) ? latest : known);
        }

        return TryAnswerFromMemory(new GetSessionStatusQuery(sessionId, owner), out var now)
            ? now
            : await ReadWithinAsync(sessionId, owner, waitEnds, cancellationToken);
    }

    /// <summary>
    /// The changed session's body for a held poll: a database away at that moment is tried again every second while
    /// the poll's wait lasts, so that an outage shorter than the wait is not the caller's 503.
    /// </summary>
    private async Task<StatusAnswer> ReadWithinAsync(Guid sessionId, string owner, DateTimeOffset waitEnds, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await ReadAsync(sessionId, owner, cancellationToken);
            }
            catch (StorageBusyException) when (time.GetUtcNow() + RetryAfterOutage < waitEnds)
            {
                await Task.Delay(RetryAfterOutage, time, cancellationToken);
            }
        }
    }

    private static readonly TimeSpan RetryAfterOutage = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The answer when memory alone gives it: <see cref="CurrentVersions"/> knows the session's current version, and either the
    /// request's tag names it (304, unless the request waits for a change) or a body for it is cached (200), or the
    /// session is known to be deleted (404). Only the session's owner is answered from memory: for anyone else the
    /// session takes the same path as an unknown id (the database, which finds nothing), so that neither the answer
    /// nor its timing tells them it exists. False means the database or a wait is needed.
    /// </summary>
    public bool TryAnswerFromMemory(in GetSessionStatusQuery query, out StatusAnswer answer)
    {
        answer = StatusAnswer.NotFound;
        var sessionId = query.SessionId;
        if (!versions.TryGet(sessionId, out var known) || !known.IsOwnedBy(query.Owner))
        {
            return false;
        }

        if (known.IsDeleted)
        {
            return true;
        }

        if (SessionETag.Matches(query.IfNoneMatch, sessionId, known.Number))
        {
            // A long poll is held even on a terminal session: a deletion is still a change (docs/api.md).
            answer = new StatusAnswer.NotModified(known);
            return query.WaitSeconds == 0;
        }

        if (bodies.TryGet(sessionId, known.Number, out var cached))
        {
            answer = new StatusAnswer.Body(known, cached);
            return true;
        }

        return false;
    }

    private async Task<StatusAnswer> ReadAsync(Guid sessionId, string owner, CancellationToken cancellationToken)
    {
        var epoch = versions.Epoch;
        var session = await reader.ReadAsync(sessionId, owner, cancellationToken);
        if (session is null)
        {
            return StatusAnswer.NotFound;
        }

        // What was read is recorded, so the next conditional request for this session needs no database.
        var version = PollingAdvice.VersionOf(session, time.GetUtcNow());
        versions.Record(sessionId, version, epoch);
        var status = mapper.Map<SessionStatusResponse>(session);
        status.Summary.ExpiresAt = session.ExpiresAt(options.Value.Retention);
        var body = JsonSerializer.SerializeToUtf8Bytes(status, ApiJson.Options);
        bodies.Set(sessionId, version.Number, body);
        return new StatusAnswer.Body(version, body);
    }

    private async Task<SessionVersion?> ReadVersionAsync(Guid sessionId, string owner, CancellationToken cancellationToken) =>
        await ReadAsync(sessionId, owner, cancellationToken) is StatusAnswer.Body body ? body.Version : SessionVersion.Deleted();
}
