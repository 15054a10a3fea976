namespace Analysis.Application.Common;

/// <summary>The <c>Quotas</c> configuration section: what one owner may do (docs/operations.md).</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>Sessions one owner may create per minute; more are 429. 0: no limit.</summary>
    public int CreatesPerMinute { get; set; } = 60;

    /// <summary>Bytes of stored datasets one owner may hold (as stored, in their binary form); more is 413. 0: no limit.</summary>
    public long MaxStoredBytesPerOwner { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Sessions of one owner that may run at once, across every process on the database; the owner's others wait
    /// while other owners' sessions are claimed. Unset: half this process's workers, at least 1. 0: no limit.
    /// </summary>
    public int? MaxRunningPerOwner { get; set; }

    /// <summary>The cap claims apply (0: none), given this process's worker count.</summary>
    public int EffectiveMaxRunningPerOwner(int workers) => MaxRunningPerOwner ?? Math.Max(1, workers / 2);

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (CreatesPerMinute < 0 || MaxStoredBytesPerOwner < 0)
        {
            yield return "Quotas:CreatesPerMinute and Quotas:MaxStoredBytesPerOwner must be 0 (no limit) or more.";
        }

        if (MaxRunningPerOwner < 0)
        {
            yield return "Quotas:MaxRunningPerOwner must be 0 (no limit) or more.";
        }
    }
}
