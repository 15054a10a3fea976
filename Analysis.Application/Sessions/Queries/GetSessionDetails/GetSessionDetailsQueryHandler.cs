using Analysis.Application.Abstractions;
using Analysis.Domain.Sessions;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

public sealed class GetSessionDetailsQueryHandler(IAnalysisSessionRepository repository, IMapper mapper)
    : IQueryHandler<GetSessionDetailsQuery, SessionDetailsDto?>
{
    public async Task<SessionDetailsDto?> HandleAsync(GetSessionDetailsQuery query, CancellationToken cancellationToken)
    {
        var session = await repository.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        return session is null ? null : mapper.Map<SessionDetailsDto>(session);
    }
}
