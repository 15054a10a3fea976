namespace Analysis.Domain.Sessions;

/// <summary>
/// A create request's <c>Idempotency-Key</c> and the fingerprint of what it asked for (a hash of its name, plan and
/// dataset): a repeat with the same key and fingerprint is the same request; with another fingerprint, a mistake.
/// </summary>
public sealed record IdempotencyKey(string Key, string Fingerprint)
{
    public const int MaxLength = 200;

    /// <summary>How long a key is remembered.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>1 to 200 printable ASCII characters (docs/api.md).</summary>
    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~');
}
