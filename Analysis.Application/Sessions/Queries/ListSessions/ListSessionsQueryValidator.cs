using FluentValidation;

namespace Analysis.Application.Sessions.Queries.ListSessions;

public sealed class ListSessionsQueryValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsQueryValidator()
    {
        RuleFor(x => x.Status)
            .Must(s => s is null || SessionStatusExtensions.TryParseWireName(s, out _))
            .WithMessage("Must be one of pending, running, completed, failed, cancelled.");
        RuleFor(x => x.Page).InclusiveBetween(1, ListSessionsQuery.MaxPage)
            .WithMessage($"Must be between 1 and {ListSessionsQuery.MaxPage}.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, ListSessionsQuery.MaxPageSize)
            .WithMessage($"Must be between 1 and {ListSessionsQuery.MaxPageSize}.");
    }
}
