using Analysis.Application.Sessions.Queries.GetSessionStatus;
using AutoMapper;

namespace Analysis.Application.Sessions.Queries.ListSessions;

public sealed record SessionListDto(IReadOnlyList<SessionListItemDto> Sessions, int Page, int PageSize, int Total);

public sealed class SessionListItemDto
{
    public Guid SessionId { get; init; }

    public string? Name { get; init; }

    /// <summary>The stored dataset the session runs on.</summary>
    public Guid DatasetId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public required ProgressDto Progress { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() =>
            CreateMap<AnalysisSession, SessionListItemDto>()
                .ForMember(d => d.SessionId, o => o.MapFrom(s => s.Id))
                .ForMember(d => d.Status, o => o.MapFrom(s => s.Status.ToWireName()));
    }
}
