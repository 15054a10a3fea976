using System.Text.Encodings.Web;
using Analysis.Api.Errors;
using Microsoft.AspNetCore.Authentication;

namespace Analysis.Api.Authentication;

/// <summary>
/// Identifies the caller of <c>/api</c> by an API key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c> (docs/api.md,
/// "Authentication and ownership"); the principal's name is the key's owner. Without a valid key the challenge is
/// a 401 with <c>WWW-Authenticate: Bearer</c> and the API's envelope. With <c>Auth:Mode = None</c> every caller is
/// the one anonymous owner.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (auth.Value.Mode == AuthMode.None)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(keys.Anonymous, SchemeName)));
        }

        var presented = PresentedKey(Request.Headers);
        if (presented.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Find(presented) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail("The API key is not known."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new ErrorResponse("Authentication required") { TraceId = ApiExceptionHandler.TraceIdOf(Context) });
    }

    /// <summary><c>X-Api-Key</c>, else the token of <c>Authorization: Bearer</c>; empty when neither is sent.</summary>
    private static ReadOnlySpan<char> PresentedKey(IHeaderDictionary headers)
    {
        if (headers.TryGetValue(HeaderName, out var apiKey) && apiKey.Count == 1 && apiKey[0] is { Length: > 0 } key)
        {
            return key.AsSpan().Trim();
        }

        if (headers.Authorization is { Count: 1 } authorization && authorization[0] is { } value &&
            value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return value.AsSpan(BearerPrefix.Length).Trim();
        }

        return [];
    }
}
