namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>The report of a session <see cref="Owner"/> owns, as HTML or (<see cref="Markdown"/>) Markdown.</summary>
public sealed record GetSessionReportQuery(Guid SessionId, string Owner, bool Markdown = false);

public sealed class GetSessionReportQueryHandler(CompletedSessionReader reader, AnalysisTypeRegistry types)
    : IQueryHandler<GetSessionReportQuery, SessionDocumentDto?>
{
    public async Task<SessionDocumentDto?> HandleAsync(GetSessionReportQuery query, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(query.SessionId, query.Owner, cancellationToken) is not var (status, completed))
        {
            return null;
        }

        if (completed is null)
        {
            return new SessionDocumentDto(status, null, null);
        }

        var report = SessionReport.Of(completed, types);
        return query.Markdown
            ? new SessionDocumentDto(status, completed.FileName(".md"), ReportMarkdown.Write(report))
            : new SessionDocumentDto(status, completed.FileName(".html"), ReportHtml.Write(report));
    }
}
