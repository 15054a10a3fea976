using System.Globalization;

namespace Analysis.Api.Authentication;

/// <summary>The <c>Auth</c> configuration section (docs/operations.md, "Keys and owners").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// The owner of every session when authentication is off, and of the key made on a development machine's first
    /// run; sessions stored before owners existed belong to it too.
    /// </summary>
    public const string AnonymousOwner = "local";

    public AuthMode Mode { get; set; } = AuthMode.ApiKey;

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>
    /// Where a development machine keeps the key made on its first run; unset, <c>api-key</c> in the data folder
    /// (beside the SQLite database, else <c>data/</c> under the working directory).
    /// </summary>
    public string? DevelopmentKeyFile { get; set; }

    /// <summary>The problems with these settings, for validation at start; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return "Auth:Mode must be ApiKey or None.";
        }

        if (Mode == AuthMode.ApiKey && ApiKeys.Count == 0)
        {
            yield return "No API keys are configured: add at least one to Auth:ApiKeys ({Key or KeyHash, Owner}), " +
                         "or set Auth:Mode=None to turn authentication off.";
        }

        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var entry = ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Auth:ApiKeys:{i}");
            if (string.IsNullOrEmpty(entry.Key) == string.IsNullOrEmpty(entry.KeyHash))
            {
                yield return $"{at} must have exactly one of Key and KeyHash.";
            }

            if (entry.Key is { Length: > 0 and < ApiKeyEntry.MinKeyLength })
            {
                yield return $"{at}:Key must be at least {ApiKeyEntry.MinKeyLength} characters.";
            }

            if (entry.KeyHash is { Length: > 0 } hash && !ApiKeyEntry.IsSha256Hex(hash))
            {
                yield return $"{at}:KeyHash must be the SHA-256 of the key as 64 hexadecimal digits.";
            }

            if (string.IsNullOrWhiteSpace(entry.Owner) || entry.Owner.Length > Domain.Sessions.AnalysisSession.MaxOwnerLength)
            {
                yield return $"{at}:Owner must be a name of 1 to {Domain.Sessions.AnalysisSession.MaxOwnerLength} characters.";
            }
        }
    }

    /// <summary>One key and its owner. <see cref="KeyHash"/> (SHA-256, hex) may stand in for <see cref="Key"/>, so
    /// that production settings hold no secret.</summary>
    public sealed class ApiKeyEntry
    {
        public const int MinKeyLength = 16;

        public string? Key { get; set; }

        public string? KeyHash { get; set; }

        public string Owner { get; set; } = string.Empty;

        internal static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
    }
}
