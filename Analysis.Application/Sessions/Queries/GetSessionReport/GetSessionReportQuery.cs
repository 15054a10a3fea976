namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>The report of a session <see cref="Owner"/> owns, as HTML or (<see cref="Markdown"/>) Markdown.</summary>
public sealed record GetSessionReportQuery(Guid SessionId, string Owner, bool Markdown = false);

/// <summary>The session's status and, once it is completed, its report and the file name to give it.</summary>
public sealed record SessionReportDto(string Status, string? FileName, string? Report)
{
    public bool IsAvailable => Report is not null;
}

public sealed class GetSessionReportQueryHandler(CompletedSessionReader reader, AnalysisTypeRegistry types)
    : IQueryHandler<GetSessionReportQuery, SessionReportDto?>
{
    public async Task<SessionReportDto?> HandleAsync(GetSessionReportQuery query, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(query.SessionId, query.Owner, cancellationToken) is not var (status, completed))
        {
            return null;
        }

        if (completed is null)
        {
            return new SessionReportDto(status, null, null);
        }

        var report = SessionReport.Of(completed, types);
        return query.Markdown
            ? new SessionReportDto(status, completed.FileName(".md"), ReportMarkdown.Write(report))
            : new SessionReportDto(status, completed.FileName(".html"), ReportHtml.Write(report));
    }
}
