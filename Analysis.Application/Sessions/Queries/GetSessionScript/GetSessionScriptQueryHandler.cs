namespace Analysis.Application.Sessions.Queries.GetSessionScript;

public sealed class GetSessionScriptQueryHandler(CompletedSessionReader reader) : IQueryHandler<GetSessionScriptQuery, SessionDocumentDto?>
{
    public async Task<SessionDocumentDto?> HandleAsync(GetSessionScriptQuery query, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(query.SessionId, query.Owner, cancellationToken) is not var (status, completed))
        {
            return null;
        }

        if (completed is null)
        {
            return new SessionDocumentDto(status, null, null);
        }

        var fileName = completed.FileName(".R");
        return new SessionDocumentDto(status, fileName, RScriptWriter.Write(completed, fileName));
    }
}
