using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
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

    public ApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "analysis.db");
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Analysis"] = $"Data Source={DatabasePath}",
            ["Analysis:PollIntervalMilliseconds"] = "100",
            ["Analysis:WorkerConcurrency"] = "2",
            // Tests poll hard; the rate limit has its own test with its own setting.
            ["RateLimiting:StatusPermitsPerSecond"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _services = services;
    }

    public string DatabasePath { get; }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
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
