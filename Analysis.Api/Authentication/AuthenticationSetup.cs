using Analysis.Application;
using Microsoft.AspNetCore.Authorization;

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
        return services;
    }
}
