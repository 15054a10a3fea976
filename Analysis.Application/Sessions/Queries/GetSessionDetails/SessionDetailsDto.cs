using AutoMapper;

namespace Analysis.Application.Sessions.Queries.GetSessionDetails;

/// <summary>The whole session: its dataset's columns and its plan, normalised (every default filled in).</summary>
public sealed class SessionDetailsDto
{
    public Guid SessionId { get; init; }

    public string? Name { get; init; }

    /// <summary>The stored dataset the session runs on.</summary>
    public Guid DatasetId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public required DatasetDetailsDto Dataset { get; init; }

    public required IReadOnlyList<PlanEntry> Analyses { get; init; }

    public string? Error { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<AnalysisSession, SessionDetailsDto>()
                .ForMember(d => d.SessionId, o => o.MapFrom(s => s.Id))
                .ForMember(d => d.Status, o => o.MapFrom(s => s.Status.ToWireName()))
                .ForMember(d => d.Error, o => o.MapFrom(s => s.FailureReason))
                .ForMember(d => d.Analyses, o => o.MapFrom(s => s.Plan));
            CreateMap<DatasetSchema, DatasetDetailsDto>();
            CreateMap<ColumnSchema, ColumnDto>()
                .ForCtorParam(nameof(ColumnDto.Type), o => o.MapFrom(s => s.Type == ColumnType.Numeric ? "numeric" : "categorical"));
        }
    }
}

public sealed record DatasetDetailsDto(int Rows, IReadOnlyList<ColumnDto> Columns);

public sealed record ColumnDto(string Name, string Type, int Missing);
