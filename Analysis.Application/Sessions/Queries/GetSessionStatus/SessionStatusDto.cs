using System.Text.Json.Serialization;
using Analysis.Domain.Sessions;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>What the status endpoint shows: the status, the summary, and the version the ETag is made from.</summary>
public sealed class SessionStatusDto
{
    public Guid SessionId { get; init; }

    public required string Status { get; init; }

    /// <summary>The session's <c>Version</c>; with the id it makes the ETag. Not part of the body.</summary>
    public int Version { get; init; }

    public required SessionSummaryDto Summary { get; init; }

    /// <summary>The advised wait before the next poll while pending or running (the Retry-After header).</summary>
    public int? RetryAfterSeconds { get; set; }

    public bool IsTerminal => Status is "completed" or "failed" or "cancelled";

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            // Highlights stay null (absent from the body) until the session completes.
            AllowNullCollections = true;
            CreateMap<AnalysisSession, SessionStatusDto>()
                .ForMember(d => d.SessionId, o => o.MapFrom(s => s.Id))
                .ForMember(d => d.Status, o => o.MapFrom(s => s.Status.ToWireName()))
                .ForMember(d => d.Summary, o => o.MapFrom(s => s))
                .ForMember(d => d.RetryAfterSeconds, o => o.Ignore());
            CreateMap<AnalysisSession, SessionSummaryDto>()
                .ForMember(d => d.SessionId, o => o.MapFrom(s => s.Id))
                .ForMember(d => d.Error, o => o.MapFrom(s => s.FailureReason))
                .ForMember(d => d.Dataset, o => o.MapFrom(s => new DatasetShapeDto(s.Dataset.Rows, s.Dataset.Columns.Count)))
                .ForMember(d => d.Highlights, o => o.MapFrom(s => s.Status == SessionStatus.Completed ? s.Highlights : null));
            CreateMap<SessionProgress, ProgressDto>();
        }
    }
}

/// <summary>The <c>summary</c> object of the status body (API.md).</summary>
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

    public required DatasetShapeDto Dataset { get; init; }

    public int AnalysesFailed { get; init; }

    public string? Error { get; init; }

    /// <summary>Present only once the session is completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Highlights { get; init; }
}

public sealed record ProgressDto(int Completed, int Total, int Percent);

public sealed record DatasetShapeDto(int Rows, int Columns);
