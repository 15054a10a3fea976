namespace Analysis.Api.Authentication;

/// <summary>Says at start, as a warning, that authentication is off (<c>Auth:Mode = None</c>): nobody should find out later.</summary>
public sealed class AuthModeNotice(IOptions<AuthOptions> auth, ILogger<AuthModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.Mode == AuthMode.None)
        {
            logger.LogWarning(
                "Authentication is off (Auth:Mode = None): every caller can read, change and delete every session, all owned by {Owner}",
                AuthOptions.AnonymousOwner);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
