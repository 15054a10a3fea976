namespace Analysis.Application.Sessions.Queries.GetSessionResults;

public sealed class GetSessionResultsQueryHandler(ISessionQueries sessions)
    : IQueryHandler<GetSessionResultsQuery, SessionResultsDto?>
{
    public async Task<SessionResultsDto?> HandleAsync(GetSessionResultsQuery query, CancellationToken cancellationToken)
    {
        var session = await sessions.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var status = session.Status.ToWireName();
        if (session.Status != SessionStatus.Completed)
        {
            return new SessionResultsDto(session.Id, status, null);
        }

        // Deleted between the two reads: the same 404 as an unknown id.
        var json = await sessions.GetResultsJsonAsync(session.Id, query.Owner, cancellationToken);
        return json is null ? null : new SessionResultsDto(session.Id, status, json);
    }
}
