using Analysis.Application.Common;
using Analysis.Application.Ports;
using Analysis.Domain.Sessions;
using Analysis.Infrastructure.Csv;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Notifications;
using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Analysis.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.SectionName))
            .Validate(o => o.MaxDatasetBytes > 0 && o.MaxRows > 0 && o.MaxColumns > 0 && o.LeaseSeconds >= 3,
                "Analysis limits must be positive and LeaseSeconds at least 3.")
            .ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<AnalysisDbContext, SqliteAnalysisDbContext>(o =>
                    o.UseSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<AnalysisDbContext, PostgresAnalysisDbContext>(o =>
                    o.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Analysis is not set.")));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IAnalysisSessionRepository, AnalysisSessionRepository>();
        services.AddScoped<IDatasetStore, DatasetStore>();
        services.AddSingleton(sp => new RecentDatasets(sp.GetRequiredService<TimeProvider>())
        {
            BudgetBytes = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnalysisOptions>>().Value.DatasetHandoffBytes,
        });
        services.AddSingleton<IDatasetReader, SepDatasetReader>();
        services.AddSingleton<ISessionChangeNotifier, InProcessSessionChangeNotifier>();

        // The map answers 304s without the database only while every change is announced in this process. Until a
        // cross-process notifier (LISTEN/NOTIFY) exists, a PostgreSQL deployment — possibly several processes — asks
        // the database each time.
        if (configuration.GetValue("Polling:UseVersionMap", database.Provider == DatabaseProvider.Sqlite))
        {
            services.AddSingleton<ISessionVersionMap>(_ => new SessionVersionMap(
                configuration.GetValue("Polling:VersionMapCapacity", SessionVersionMap.DefaultCapacity)));
        }
        else
        {
            services.AddSingleton<ISessionVersionMap, NoSessionVersionMap>();
        }
        services.AddSingleton<IWorkSignal, WorkSignal>();

        if (configuration.GetValue("Analysis:WorkerEnabled", true))
        {
            services.AddHostedService<SessionWorker>();
        }

        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());

        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }
}
