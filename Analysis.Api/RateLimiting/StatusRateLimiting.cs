using System.Globalization;
using System.Threading.RateLimiting;
using Analysis.Api.Contracts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Analysis.Api.RateLimiting;

/// <summary>
/// Per-client token buckets on the status and events endpoints: a second's worth of burst, refilled every
/// second. The client is its remote address now; once callers authenticate, their identity.
/// </summary>
public static class StatusRateLimiting
{
    public static IServiceCollection AddStatusRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((options, settings) =>
        {
            var permits = settings.Value.StatusPermitsPerSecond;
            options.AddPolicy(RateLimitingOptions.StatusPolicy, context => permits <= 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new ErrorResponse("Too many requests"), cancellationToken);
            };
        });
        return services;
    }

    private static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"user:{name}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
