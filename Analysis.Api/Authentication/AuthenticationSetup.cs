using Analysis.Application;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Analysis.Api.Authentication;

/// <summary>API keys and owners: the options, the key ring, the handler, and the policy every <c>/api</c> endpoint uses.</summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddApiKeyAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.SectionName, o => o.Problems());
        if (environment.IsDevelopment())
        {
            // The first run on a developer's machine needs no configuration: a key is made and announced.
            services.AddSingleton<DevelopmentKey>();
            services.AddHostedService<DevelopmentKeyNotice>();
            services.AddOptions<AuthOptions>().PostConfigure<DevelopmentKey>((o, key) =>
            {
                if (o.Mode == AuthMode.ApiKey && o.ApiKeys.Count == 0)
                {
                    o.ApiKeys.Add(new AuthOptions.ApiKeyEntry { Key = key.Value, Owner = AuthOptions.AnonymousOwner });
                }
            });
        }

        services.AddSingleton<ApiKeyRing>();
        services.AddHostedService<AuthModeNotice>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            // No scheme named on the policy: the authentication middleware has already set the user from the default
            // scheme, and naming it would make authorization authenticate (and merge principals) a second time.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        WithoutStoredDataProtectionKeys(services);
        return services;
    }

    /// <summary>
    /// Authentication registers ASP.NET Core's data protection (for cookie schemes); nothing here protects data with
    /// it — an API key is compared, not decrypted, and there are no cookies or antiforgery tokens. So its keys are
    /// ephemeral, and its start-up warm-up, which would create a key ring on disk (in the user's profile, unencrypted,
    /// with a warning at every first start) for nothing, is not run.
    /// </summary>
    private static void WithoutStoredDataProtectionKeys(IServiceCollection services)
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var warmUp = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList();
        if (warmUp.Count != 1)
        {
            throw new InvalidOperationException("Data protection's start-up service was not found where expected: review AuthenticationSetup.");
        }

        services.Remove(warmUp[0]);
    }
}
