namespace Analysis.Application.Sessions.Queries.GetSessionResults;

/// <summary>
/// The session's status and, when it is completed, its results as the stored JSON array (written once by the
/// worker and passed through unchanged).
/// </summary>
public sealed record SessionResultsDto(Guid SessionId, string Status, string? ResultsJson)
{
    public bool IsAvailable => ResultsJson is not null;
}
