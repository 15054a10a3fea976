using Analysis.Application.Datasets;

namespace Analysis.Application.Sessions.Queries.GetSessionSample;

/// <summary>
/// The sample of the owner's session's dataset (<see cref="DatasetSample"/>). Null for an unknown session, another
/// owner's, or one whose dataset is gone.
/// </summary>
public sealed class GetSessionSampleQueryHandler(ISessionQueries sessions, IDatasetStore datasets)
    : IQueryHandler<GetSessionSampleQuery, SampleDto?>
{
    public async Task<SampleDto?> HandleAsync(GetSessionSampleQuery query, CancellationToken cancellationToken)
    {
        DatasetSample.CheckRequest(query.Columns, query.Limit);
        var session = await sessions.GetByIdAsync(query.SessionId, query.Owner, cancellationToken);
        return session is null
            ? null
            : await DatasetSample.ReadAsync(datasets, session.DatasetId, session.Dataset, query.Columns, query.Limit, cancellationToken);
    }
}
