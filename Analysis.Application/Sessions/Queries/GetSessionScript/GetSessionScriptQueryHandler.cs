namespace Analysis.Application.Sessions.Queries.GetSessionScript;

public sealed class GetSessionScriptQueryHandler(CompletedSessionReader reader) : IQueryHandler<GetSessionScriptQuery, SessionScriptDto?>
{
    public async Task<SessionScriptDto?> HandleAsync(GetSessionScriptQuery query, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(query.SessionId, query.Owner, cancellationToken) is not var (status, completed))
        {
            return null;
        }

        if (completed is null)
        {
            return new SessionScriptDto(status, null, null);
        }

        var fileName = completed.FileName(".R");
        return new SessionScriptDto(status, fileName, RScriptWriter.Write(completed, fileName));
    }
}
