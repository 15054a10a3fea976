namespace Analysis.Api.RateLimiting;

/// <summary>The <c>RateLimiting</c> configuration section (docs/operations.md).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public const string StatusPolicy = "status";

    /// <summary>Session creates, per owner (<c>Quotas:CreatesPerMinute</c>).</summary>
    public const string CreatePolicy = "create";

    /// <summary>Requests per second per client on the status and events endpoints; 0 turns the limit off.</summary>
    public int StatusPermitsPerSecond { get; set; } = 20;

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (StatusPermitsPerSecond < 0)
        {
            yield return "RateLimiting:StatusPermitsPerSecond must be 0 (off) or more.";
        }
    }
}
