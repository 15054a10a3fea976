using Analysis.Application;
using Analysis.Application.Common;
using Analysis.Application.Sessions.Changes;
using Analysis.Infrastructure.Changes;
using Analysis.Infrastructure.Datasets;
using Analysis.Infrastructure.Datasets.Formats;
using Analysis.Infrastructure.Persistence;
using Analysis.Infrastructure.Workers;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName, o => o.Problems());

        // The provider decides which context subclass (and so which migrations) is registered: read once, here.
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = connectionString ?? DatabaseOptions.DefaultSqliteConnectionString;
                AddContexts<SqliteAnalysisDbContext>(services, o => o.UseSqlite(sqlite));
                services.AddSingleton<ICrossProcessPublisher, SingleProcessPublisher>();

                // A database in a file: its disk is watched, and room on it kept for deletes.
                if (DatabaseInitializer.SqliteFilePath(sqlite) is { } file)
                {
                    services.AddSingleton(new StorageFolder(StorageArea.Database, Path.GetDirectoryName(file)!));
                    services.AddSingleton(sp => new DatabaseReserve(
                        file + DatabaseReserve.Suffix, database.ReserveBytes, sp.GetRequiredService<StorageSpace>(), sp.GetRequiredService<ILogger<DatabaseReserve>>()));
                }

                break;
            case DatabaseProvider.Postgres:
                AddContexts<PostgresAnalysisDbContext>(services, o => o.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Analysis is not set.")));

                // Several processes share the database: each publishes its changes (NOTIFY) and subscribes to the others' (LISTEN).
                services.AddSingleton<ICrossProcessPublisher, PostgresChangePublisher>();
                services.AddSingleton<PostgresChangeSubscriber>();
                services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeSubscriber>());
                services.AddHostedService<DeadProcessSweeper>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'.");
        }

        // The current versions answer 304s without the database while this process hears every change: on SQLite it
        // makes them all; on PostgreSQL the others' arrive through the subscription, and the map waits for it.
        services.PostConfigure<PollingOptions>(o =>
        {
            o.UseVersionMap ??= true;
            o.CurrentVersionsWaitForOtherProcesses = database.Provider == DatabaseProvider.Postgres;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DatabaseReserve(null, 0, sp.GetRequiredService<StorageSpace>(), sp.GetRequiredService<ILogger<DatabaseReserve>>()));
        services.AddSingleton<StorageFullInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<StorageFullInterceptor>());
        services.AddScoped<SessionWrites>();
        services.AddScoped<IAnalysisSessionRepository, AnalysisSessionRepository>();
        services.AddScoped<DatasetWrites>();
        services.AddScoped<IDatasetRepository, DatasetRepository>();
        services.AddScoped<IDatasetQueries, DatasetQueries>();
        services.AddScoped<ISessionQueue, SessionQueue>();
        services.AddScoped<ISessionQueries, SessionQueries>();
        services.AddScoped<SessionRetention>();
        services.AddSingleton<ISessionStatusReader, SessionStatusReader>();
        services.AddScoped<IDatasetStore, DatasetStore>();
        services.AddSingleton<RecentDatasets>();
        services.AddSingleton<ColumnCache>();
        services.AddSingleton<XlsxDatasetReader>(_ => new XlsxDatasetReader());
        services.AddSingleton<ParquetDatasetReader>(_ => new ParquetDatasetReader());
        services.AddSingleton<IDatasetReader, UploadedFileReader>();
        services.AddSingleton<IClaimableWork, ClaimableWork>();

        services.AddSingleton<InstanceIdentity>();
        services.AddHostedService<SessionWorker>();

        // The host waits for the worker's hand-backs: the grace period, then time to save them.
        services.AddOptions<HostOptions>().Configure<IOptions<AnalysisOptions>>((host, analysis) =>
        {
            var needed = TimeSpan.FromSeconds(analysis.Value.ShutdownGraceSeconds + 15);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());

        services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// One pool of contexts for the provider: a scoped <see cref="AnalysisDbContext"/> for repositories (returned to
    /// the pool with the scope), and a factory for singletons that rent one per read. Every context carries the
    /// interceptors registered as <see cref="IInterceptor"/> (<see cref="StorageFullInterceptor"/>; a test's faults).
    /// </summary>
    private static void AddContexts<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AnalysisDbContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, o) =>
        {
            configure(o);
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<AnalysisDbContext>, AnalysisDbContextFactory<TContext>>();
        services.AddScoped<AnalysisDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }
}
