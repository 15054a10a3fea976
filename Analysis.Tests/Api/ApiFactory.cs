using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Analysis.Tests.Api;

/// <summary>
/// The real application on a real SQLite file of its own (a fresh temporary directory per factory), with the
/// worker polling fast and every log event captured for assertions.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"analysis-tests-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    public ApiFactory(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string environment = "Testing",
        bool configureKeys = true,
        string? provider = null)
    {
        _environment = environment;
        provider ??= DefaultProvider;
        Provider = provider;
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "analysis.db");
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Analysis"] = provider == Providers.Postgres ? PostgresDatabase = Postgres.PostgresServer.NewDatabase() : $"Data Source={DatabasePath}",
            ["Database:Provider"] = provider,
            ["Analysis:ClaimIntervalMilliseconds"] = "100",
            ["Analysis:WorkerConcurrency"] = "2",
            // Disposing a factory stops its host: hand running sessions back at once (grace has its own tests).
            ["Analysis:ShutdownGraceSeconds"] = "0",
            // Tests poll hard; the rate limit has its own test with its own setting.
            ["RateLimiting:StatusPermitsPerSecond"] = "0",
            ["Quotas:CreatesPerMinute"] = "0",
            // Each factory writes its database's reserve for deletes: a small one (full disks have their own tests).
            ["Database:ReserveBytes"] = "1048576",
        };
        if (configureKeys)
        {
            _settings["Auth:ApiKeys:0:Key"] = AliceKey;
            _settings["Auth:ApiKeys:0:Owner"] = "alice";
            _settings["Auth:ApiKeys:1:KeyHash"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(BobKey)));
            _settings["Auth:ApiKeys:1:Owner"] = "bob";
        }

        foreach (var (key, value) in settings ?? [])
        {
            // null leaves the setting out (the factory's own default included), as a host that never sets it.
            if (value is null)
            {
                _settings.Remove(key);
            }
            else
            {
                _settings[key] = value;
            }
        }

        _services = services;
    }

    /// <summary>The key every client made by <c>CreateClient</c> sends (owner alice), configured as the key itself.</summary>
    public const string AliceKey = "alice-test-key-0123456789";

    /// <summary>A second owner's key (bob), configured only by its SHA-256 (<c>KeyHash</c>).</summary>
    public const string BobKey = "bob-test-key-9876543210";

    public string DatabasePath { get; }

    /// <summary>The provider of factories that do not name one: set by <see cref="BothDatabases"/> for its fixture.</summary>
    public static string DefaultProvider { get; set; } = Providers.Sqlite;

    /// <summary>Sqlite or Postgres (a database of its own on the test server, dropped with the factory).</summary>
    public string Provider { get; }

    /// <summary>The connection string the service uses (after settings), for a second host on the same database.</summary>
    public string ConnectionString => _settings["ConnectionStrings:Analysis"]!;

    private string? PostgresDatabase { get; }

    /// <summary>
    /// Rows stored, whatever the provider: sessions (hidden ones too), datasets with columns (a session's inline upload
    /// is stored under the session's id), sessions with results.
    /// </summary>
    public async Task<(long Sessions, long Datasets, long Results)> CountRowsAsync(string? id = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Analysis.Infrastructure.Persistence.AnalysisDbContext>();
        Guid? session = id is null ? null : Guid.Parse(id);
        var sessions = await db.Sessions.IgnoreQueryFilters().CountAsync(s => session == null || s.Id == session);
        var datasets = await db.DatasetColumns.Where(c => session == null || c.DatasetId == session).Select(c => c.DatasetId).Distinct().CountAsync();
        var results = await db.Results.CountAsync(r => session == null || r.SessionId == session);
        return (sessions, datasets, results);
    }

    /// <summary>The factory's own temporary directory (deleted with it).</summary>
    public string TempDirectory => _directory;

    /// <summary>The address Kestrel listens on, after <c>UseKestrel</c> and <c>StartServer</c>.</summary>
    public string ServerAddress() =>
        Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();

    /// <summary>A client that sends no key at all.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        return client;
    }

    /// <summary>A client that sends <paramref name="key"/> as <c>X-Api-Key</c>.</summary>
    public HttpClient CreateClientWithKey(string key)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", AliceKey);
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (PostgresDatabase is not null)
            {
                Postgres.PostgresServer.DropAsync(PostgresDatabase).GetAwaiter().GetResult();
            }
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temp directory is cleaned by the OS eventually.
            }
        }
    }
}

/// <summary>Every log event with its structured properties.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    public sealed record LogEntry(
        string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception,
        DateTimeOffset Time);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), properties, exception, DateTimeOffset.UtcNow));
        }
    }
}
