namespace Analysis.Domain.Datasets;

/// <summary>
/// A session's inline upload found, as it was made visible, that a request at the same moment stored the same content
/// for the same owner: nothing of it is stored; make the session on <see cref="DatasetId"/> instead.
/// </summary>
public sealed class DatasetStoredMeanwhileException(Guid datasetId) : Exception($"Dataset {datasetId} holds the same content.")
{
    public Guid DatasetId { get; } = datasetId;
}
