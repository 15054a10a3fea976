using Analysis.Application.Datasets;
using Analysis.Application.Datasets.Queries.InspectDataset;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Commands.CancelSession;
using Analysis.Application.Sessions.Commands.CreateSession;
using Analysis.Application.Sessions.Commands.DeleteSession;
using Analysis.Application.Sessions.Plans;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Application.Sessions.Queries.GetSessionResults;
using Analysis.Application.Sessions.Queries;
using Analysis.Application.Sessions.Queries.GetSessionReport;
using Analysis.Application.Sessions.Queries.GetSessionScript;
using Analysis.Application.Sessions.Queries.GetSessionSample;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Application.Sessions.Queries.ListSessions;
using Analysis.Application.Sessions.Running;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analysis.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AnalysisOptions>(configuration, AnalysisOptions.SectionName, o => o.Problems());
        services.AddValidatedOptions<PollingOptions>(configuration, PollingOptions.SectionName, o => o.Problems());
        services.AddValidatedOptions<QuotaOptions>(configuration, QuotaOptions.SectionName, o => o.Problems());

        services.AddSingleton<MemoryBudget>();

        // The disks written to: the temporary folder here; the database's folder, when it is a local file, by the infrastructure.
        services.AddSingleton(new StorageFolder(StorageArea.TemporaryFolder, Path.GetTempPath()));
        services.AddSingleton<StorageSpace>();
        services.AddAutoMapper(cfg => { }, typeof(DependencyInjection).Assembly);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);

        // The analysis types: the built-in ones, and any other a host registers as an IAnalysisType before it starts.
        foreach (var type in BuiltInAnalysisTypes.All)
        {
            services.AddSingleton(type);
        }

        services.AddSingleton(sp => new AnalysisTypeRegistry(sp.GetServices<IAnalysisType>()));
        services.AddSingleton<AnalysisPlanParser>();
        services.AddSingleton<AnalysisPlanValidator>();
        services.AddScoped<Datasets.Stored.StoredDatasetService>();

        // Session changes (Sessions/Changes): what this process knows of sessions' current versions, and who waits on them.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PollingOptions>>().Value is var polling && polling.UseVersionMap == true
            ? new CurrentVersions(polling.VersionMapCapacity, suspended: polling.CurrentVersionsWaitForOtherProcesses)
            : new CurrentVersions(0));
        services.AddSingleton(sp => new StatusBodyCache(sp.GetRequiredService<IOptions<PollingOptions>>().Value.StatusBodyCacheSize));
        services.AddSingleton<ISessionChanges, InProcessSessionChanges>();
        services.AddSingleton<SessionChangePublisher>();
        services.AddSingleton<SessionChangeWaiter>();

        // The status read is a singleton: it holds memory (versions, bodies) and waits, never a database context.
        services.AddSingleton<GetSessionStatusQueryHandler>();
        services.AddSingleton<IQueryHandler<GetSessionStatusQuery, StatusAnswer>>(sp => sp.GetRequiredService<GetSessionStatusQueryHandler>());

        services.AddScoped<IQueryHandler<GetSessionDetailsQuery, SessionDetailsDto?>, GetSessionDetailsQueryHandler>();
        services.AddScoped<IQueryHandler<GetSessionResultsQuery, SessionResultsDto?>, GetSessionResultsQueryHandler>();
        services.AddScoped<CompletedSessionReader>();
        services.AddScoped<IQueryHandler<GetSessionScriptQuery, SessionDocumentDto?>, GetSessionScriptQueryHandler>();
        services.AddScoped<IQueryHandler<GetSessionReportQuery, SessionDocumentDto?>, GetSessionReportQueryHandler>();
        services.AddScoped<IQueryHandler<GetSessionSampleQuery, SampleDto?>, GetSessionSampleQueryHandler>();
        services.AddScoped<IQueryHandler<ListSessionsQuery, SessionListDto>, ListSessionsQueryHandler>();
        services.AddScoped<IQueryHandler<InspectDatasetQuery, DatasetInspection>, InspectDatasetQueryHandler>();
        services.AddScoped<ICommandHandler<CreateSessionCommand, CreateSessionResult>, CreateSessionCommandHandler>();
        services.AddScoped<ICommandHandler<CancelSessionCommand, CancelSessionResult>, CancelSessionCommandHandler>();
        services.AddScoped<ICommandHandler<DeleteSessionCommand, bool>, DeleteSessionCommandHandler>();
        services.AddScoped<SessionClaimer>();
        services.AddScoped<SessionRunner>();
        return services;
    }

    /// <summary>
    /// Binds a configuration section to its options class and checks it when the host starts, so a bad setting
    /// stops the process with a message naming it instead of surfacing on some later request.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IEnumerable<string>> problems)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ProblemsValidator<TOptions>(problems));
        return services;
    }

    private sealed class ProblemsValidator<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
