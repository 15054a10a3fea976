namespace Analysis.Domain.Datasets;

/// <summary>
/// The dataset a request names does not exist for its caller: unknown, deleted, or another owner's (the same answer
/// for each, <c>404 Dataset not found</c>).
/// </summary>
public sealed class DatasetNotFoundException() : Exception(Message404)
{
    public const string Message404 = "Dataset not found";
}
