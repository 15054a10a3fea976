namespace Analysis.Application.Sessions.Queries.GetSessionScript;

public sealed class GetSessionScriptQueryHandler(ISessionQueries sessions, IDatasetQueries datasets, AnalysisTypeRegistry types)
    : IQueryHandler<GetSessionScriptQuery, SessionScriptDto?>
{
    public async Task<SessionScriptDto?> HandleAsync(GetSessionScriptQuery query, CancellationToken cancellationToken)
    {
        var session = await sessions.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var status = session.Status.ToWireName();
        if (session.Status != SessionStatus.Completed)
        {
            return new SessionScriptDto(status, null, null);
        }

        // Deleted between the reads: the same 404 as an unknown id.
        var json = await sessions.GetResultsJsonAsync(session.Id, query.Owner, cancellationToken);
        var dataset = await datasets.GetAsync(session.DatasetId, query.Owner, cancellationToken);
        if (json is null || dataset is null)
        {
            return null;
        }

        var datasetName = dataset.Dataset.Name ?? $"dataset-{dataset.Dataset.Id}";
        // An entry of a type this version does not know (one since retired) has no spec: the script says so.
        var specs = session.Plan.Select(entry => types.Find(entry.Type) is { } type ? type.Build(entry, session.Dataset) : null).ToList();
        var fileName = DownloadName.Of(session.Name ?? $"session-{session.Id}") + ".R";
        var script = RScriptWriter.Write(session, dataset.Dataset, fileName, DownloadName.Of(datasetName) + ".csv", specs, json);
        return new SessionScriptDto(status, fileName, script);
    }
}
