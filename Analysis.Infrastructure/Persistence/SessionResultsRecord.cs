namespace Analysis.Infrastructure.Persistence;

/// <summary>The JSON array of a completed session's results, in a table of its own so status reads never load it.</summary>
public sealed class SessionResultsRecord(Guid sessionId, string json)
{
    public Guid SessionId { get; private set; } = sessionId;

    public string Json { get; private set; } = json;
}
