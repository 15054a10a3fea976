using System.Text.Json.Serialization;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>A session at a glance: its name, times, dataset shape, progress and one line per finished analysis.</summary>
public sealed class SessionSummaryDto
{
    public Guid SessionId { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public required ProgressDto Progress { get; init; }

    public string? CurrentAnalysis { get; init; }

    public required DatasetSizeDto Dataset { get; init; }

    public int AnalysesFailed { get; init; }

    public string? Error { get; init; }

    /// <summary>When retention will erase the session; null while it runs or when retention is off.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Present only once the session is completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Highlights { get; init; }
}
