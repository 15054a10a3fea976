using Analysis.Application.Abstractions;
using Analysis.Domain.Sessions;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>The hot path: one primary-key read without tracking, mapped to the DTO. Null is the 404.</summary>
public sealed class GetSessionStatusQueryHandler(IAnalysisSessionRepository repository, IMapper mapper)
    : IQueryHandler<GetSessionStatusQuery, SessionStatusDto?>
{
    public async Task<SessionStatusDto?> HandleAsync(GetSessionStatusQuery query, CancellationToken cancellationToken)
    {
        var session = await repository.GetByIdAsync(query.SessionId, cancellationToken);
        return session is null ? null : mapper.Map<SessionStatusDto>(session);
    }
}
