using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Analysis.Api.Authentication;

/// <summary>
/// Once the server listens, logs the web app's address carrying the development key (<c>…/#key=…</c>), as Jupyter
/// prints its token link, so the first run needs nothing but a click. Silent unless that key is in use.
/// </summary>
public sealed class DevelopmentKeyNotice(
    IHostApplicationLifetime lifetime,
    IServer server,
    DevelopmentKey key,
    IOptions<AuthOptions> auth,
    ILogger<DevelopmentKeyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var options = auth.Value;
        if (options.Mode != AuthMode.ApiKey || !options.ApiKeys.Exists(k => k.Key == key.Value))
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var url = $"{address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/')}/#key={key.Value}";
        // The address on a line of its own, indented, as Jupyter prints its link: the one line a newcomer needs.
        logger.LogWarning(
            "Development API key (owner {Owner}, kept in {KeyFile}). Open the web app at:\n\n    {WebAppUrl}\n\nor send the header X-Api-Key: {ApiKey}",
            AuthOptions.AnonymousOwner, key.FilePath, url, key.Value);
    }
}
