namespace Analysis.Application.Sessions.Queries;

/// <summary>
/// A completed session with what a script or a report of it needs: its dataset, its plan's specs built again (null
/// for an entry of a type this version does not know: one since retired) and its stored results.
/// </summary>
public sealed record CompletedSession(AnalysisSession Session, StoredDataset Dataset, IReadOnlyList<AnalysisSpec?> Specs, string ResultsJson)
{
    /// <summary>The dataset's CSV as <c>GET /api/datasets/{id}/csv</c> names it.</summary>
    public string CsvFileName => DownloadName.Of(Dataset.Name ?? $"dataset-{Dataset.Id}") + ".csv";

    /// <summary>A file name from the session's name, with <paramref name="extension"/> (<c>.R</c>, <c>.html</c>).</summary>
    public string FileName(string extension) => DownloadName.Of(Session.Name ?? $"session-{Session.Id}") + extension;
}

/// <summary>
/// A document made of a session — its R script, its report: the session's status and, once it is completed, the
/// document's text and the file name to give it.
/// </summary>
public sealed record SessionDocumentDto(string Status, string? FileName, string? Text)
{
    public bool IsAvailable => Text is not null;
}

/// <summary>Reads a caller's session for its script or report: null when unknown (or deleted meanwhile); else its status, and the rest once completed.</summary>
public sealed class CompletedSessionReader(ISessionQueries sessions, IDatasetQueries datasets, AnalysisTypeRegistry types)
{
    public async Task<(string Status, CompletedSession? Completed)?> ReadAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        var session = await sessions.GetByIdAsync(id, owner, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var status = session.Status.ToWireName();
        if (session.Status != SessionStatus.Completed)
        {
            return (status, null);
        }

        var json = await sessions.GetResultsJsonAsync(session.Id, owner, cancellationToken);
        var dataset = await datasets.GetAsync(session.DatasetId, owner, cancellationToken);
        if (json is null || dataset is null)
        {
            return null;
        }

        var specs = session.Plan.Select(entry => types.Find(entry.Type) is { } type ? type.Build(entry, session.Dataset) : null).ToList();
        return (status, new CompletedSession(session, dataset.Dataset, specs, json));
    }
}
