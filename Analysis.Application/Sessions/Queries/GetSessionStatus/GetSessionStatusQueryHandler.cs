using Analysis.Application.Abstractions;
using Analysis.Application.Ports;
using Analysis.Application.Sessions.Polling;
using Analysis.Domain.Sessions;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// The hot path: one primary-key read without tracking, mapped to the DTO. Null is the 404. What it reads is
/// recorded in the version map, so the next conditional request for this session needs no database.
/// </summary>
public sealed class GetSessionStatusQueryHandler(
    IAnalysisSessionRepository repository, IMapper mapper, ISessionVersionMap versions, TimeProvider time)
    : IQueryHandler<GetSessionStatusQuery, SessionStatusDto?>
{
    public async Task<SessionStatusDto?> HandleAsync(GetSessionStatusQuery query, CancellationToken cancellationToken)
    {
        var session = await repository.GetByIdAsync(query.SessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var version = PollingAdvice.VersionOf(session, time.GetUtcNow());
        versions.Record(session.Id, version);
        var dto = mapper.Map<SessionStatusDto>(session);
        dto.RetryAfterSeconds = version.RetryAfterSeconds;
        return dto;
    }
}
