using System.Text.Json.Serialization;
using Analysis.Domain.Sessions;
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
