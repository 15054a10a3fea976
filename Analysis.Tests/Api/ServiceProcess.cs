using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Analysis.Tests.Api;

/// <summary>
/// The service as an operator runs it: <c>dotnet Analysis.Api.dll</c> in a process of its own, on a free loopback
/// port, with its JSON log lines collected. For what only a real process shows (exit codes, Kestrel's own
/// connection handling, signals).
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public Process Process => _process;

    /// <summary>
    /// Starts the service in <paramref name="workingDirectory"/>. With <paramref name="openFileLimit"/>, under
    /// <c>ulimit -n</c> that many (soft and hard: the runtime raises its soft limit to the hard one at start).
    /// </summary>
    public static ServiceProcess Start(string workingDirectory, IDictionary<string, string> environment, int? openFileLimit = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "Analysis.Api.dll"), "--urls", "http://127.0.0.1:0"];
        if (openFileLimit is { } limit)
        {
            // exec: the shell becomes the service, so the process (its id, its exit code) is the service's.
            command = ["/bin/sh", "-c", $"ulimit -n {limit} && exec \"$@\"", "sh", .. command];
        }

        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Analysis"] = $"Data Source={Path.Combine(workingDirectory, "analysis.db")}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>The address the service listens on, once it says so.</summary>
    public Task<string> ListeningAsync() => _listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // the output readers finish too
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://[^""\s]+)")]
    private static partial Regex ListeningLine();
}
