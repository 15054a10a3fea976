using AutoMapper;
using FluentValidation;

namespace Analysis.Application.Sessions.Queries.ListSessions;

public sealed class ListSessionsQueryHandler(
    ISessionQueries sessions, IMapper mapper, IValidator<ListSessionsQuery> validator)
    : IQueryHandler<ListSessionsQuery, SessionListDto>
{
    public async Task<SessionListDto> HandleAsync(ListSessionsQuery query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Add(await validator.ValidateAsync(query, cancellationToken));
        errors.ThrowIfAny();

        SessionStatus? status = SessionStatusExtensions.TryParseWireName(query.Status, out var s) ? s : null;
        var page = await sessions.ListAsync(query.Owner, status, query.DatasetId, query.Page, query.PageSize, cancellationToken);
        return new SessionListDto(
            mapper.Map<List<SessionListItemDto>>(page.Sessions), query.Page, query.PageSize, page.Total);
    }
}
