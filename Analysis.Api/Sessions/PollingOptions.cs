namespace Analysis.Api.Sessions;

/// <summary>The <c>Polling</c> and <c>RateLimiting</c> configuration sections (docs/operations.md).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Longest long poll a client may ask for with <c>?wait=</c>.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>Seconds between heartbeat comments on an idle event stream.</summary>
    public int HeartbeatSeconds { get; set; } = 15;
}

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public const string StatusPolicy = "status";

    /// <summary>Requests per second per client on the status and events endpoints; 0 turns the limit off.</summary>
    public int StatusPermitsPerSecond { get; set; } = 20;
}
