using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

public sealed class GetSessionDetailsQueryHandler(ISessionQueries sessions, IMapper mapper)
    : IQueryHandler<GetSessionDetailsQuery, SessionDetailsDto?>
{
    public async Task<SessionDetailsDto?> HandleAsync(GetSessionDetailsQuery query, CancellationToken cancellationToken)
    {
        var session = await sessions.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        return session is null ? null : mapper.Map<SessionDetailsDto>(session);
    }
}
