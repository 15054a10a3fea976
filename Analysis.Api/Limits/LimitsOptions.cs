namespace Analysis.Api.Limits;

/// <summary>The <c>Limits</c> configuration section: connections and held requests (docs/operations.md).</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Open connections at most; more are closed at once (and logged, at most a line a minute). Unset: what the
    /// open-file limit leaves once the server has started — the limit less the descriptors the process holds then, less
    /// a margin for what it opens later (<see cref="DescriptorBudget"/>) — so running out of descriptors cannot take
    /// the process down. Set above that, a warning at start says so.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>Long polls and event streams held at once, all callers together; more are 503.</summary>
    public int MaxHeldRequests { get; set; } = 10_000;

    /// <summary>Long polls and event streams held at once for one owner (every tab of every user of a key); more are 503.</summary>
    public int MaxHeldRequestsPerOwner { get; set; } = 200;

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxConnections is < 1)
        {
            yield return "Limits:MaxConnections must be at least 1.";
        }

        if (MaxHeldRequests < 1 || MaxHeldRequestsPerOwner < 1)
        {
            yield return "Limits:MaxHeldRequests and Limits:MaxHeldRequestsPerOwner must be at least 1.";
        }
    }
}
