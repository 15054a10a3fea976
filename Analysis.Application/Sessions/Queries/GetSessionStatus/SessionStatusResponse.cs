using System.Text.Json.Serialization;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>A session's status and its summary.</summary>
/// <remarks>
/// The whole status body, envelope included: the status read serializes it once per session version, and every
/// status answer, from memory or not, is those bytes.
/// </remarks>
public sealed class SessionStatusResponse
{
    [JsonPropertyOrder(-1)]
    public bool Success { get; } = true;

    public required string Status { get; init; }

    public required SessionSummaryDto Summary { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            // Highlights stay null (absent from the body) until the session completes.
            AllowNullCollections = true;
            CreateMap<AnalysisSession, SessionStatusResponse>()
                .ForMember(d => d.Status, o => o.MapFrom(s => s.Status.ToWireName()))
                .ForMember(d => d.Summary, o => o.MapFrom(s => s));
            CreateMap<AnalysisSession, SessionSummaryDto>()
                .ForMember(d => d.SessionId, o => o.MapFrom(s => s.Id))
                .ForMember(d => d.Error, o => o.MapFrom(s => s.FailureReason))
                .ForMember(d => d.ExpiresAt, o => o.Ignore()) // from the retention setting: set by the handler
                .ForMember(d => d.Dataset, o => o.MapFrom(s => new DatasetSizeDto(s.Dataset.Rows, s.Dataset.Columns.Count)))
                .ForMember(d => d.Highlights, o => o.MapFrom(s => s.Status == SessionStatus.Completed ? s.Highlights : null));
            CreateMap<SessionProgress, ProgressDto>();
        }
    }
}

/// <summary>A session at a glance: its name, times, dataset size, progress and one line per finished analysis.</summary>
public sealed class SessionSummaryDto
{
    public Guid SessionId { get; init; }

    public string? Name { get; init; }

    /// <summary>The stored dataset the session runs on.</summary>
    public Guid DatasetId { get; init; }

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

public sealed record ProgressDto(int Completed, int Total, int Percent);

/// <summary>How big the dataset is: its rows and its number of columns (the status summary's <c>dataset</c>).</summary>
public sealed record DatasetSizeDto(int Rows, int Columns);
