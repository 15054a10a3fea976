using Analysis.Application.Abstractions;
using Analysis.Application.Sessions.Commands.CancelSession;
using Analysis.Application.Sessions.Commands.CreateSession;
using Analysis.Application.Sessions.Commands.DeleteSession;
using Analysis.Application.Sessions.Polling;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Application.Sessions.Queries.GetSessionResults;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Application.Sessions.Queries.ListSessions;
using Analysis.Application.Sessions.Running;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Analysis.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddAutoMapper(cfg => { }, typeof(DependencyInjection).Assembly);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);

        services.AddScoped<IQueryHandler<GetSessionStatusQuery, SessionStatusDto?>, GetSessionStatusQueryHandler>();
        services.AddScoped<IQueryHandler<GetSessionDetailsQuery, SessionDetailsDto?>, GetSessionDetailsQueryHandler>();
        services.AddScoped<IQueryHandler<GetSessionResultsQuery, SessionResultsDto?>, GetSessionResultsQueryHandler>();
        services.AddScoped<IQueryHandler<ListSessionsQuery, SessionListDto>, ListSessionsQueryHandler>();
        services.AddScoped<ICommandHandler<CreateSessionCommand, CreateSessionResult>, CreateSessionCommandHandler>();
        services.AddScoped<ICommandHandler<CancelSessionCommand, CancelSessionResult>, CancelSessionCommandHandler>();
        services.AddScoped<ICommandHandler<DeleteSessionCommand, bool>, DeleteSessionCommandHandler>();
        services.AddScoped<SessionClaimer>();
        services.AddScoped<SessionRunner>();
        services.AddSingleton<SessionChangeWaiter>();
        return services;
    }
}
