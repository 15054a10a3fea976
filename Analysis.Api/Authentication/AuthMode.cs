namespace Analysis.Api.Authentication;

/// <summary><c>Auth:Mode</c>: how callers of <c>/api</c> are identified.</summary>
public enum AuthMode
{
    /// <summary>Every request presents an API key from <c>Auth:ApiKeys</c> (the default).</summary>
    ApiKey,

    /// <summary>No authentication: every caller is the one owner <see cref="AuthOptions.AnonymousOwner"/> (logged as a warning).</summary>
    None,
}
