using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Analysis.Api.RateLimiting;

/// <summary>
/// The rate limits, each a token bucket per owner (per remote address for a request without a key):
/// status and events requests (a second's worth of burst, refilled every second) and session creates
/// (<c>Quotas:CreatesPerMinute</c>, refilled every minute). Past one: 429 with <c>Retry-After</c> and a message
/// that says which limit.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, IOptions<QuotaOptions>>((options, settings, quotas) =>
        {
            var permits = settings.Value.StatusPermitsPerSecond;
            options.AddPolicy(RateLimitingOptions.StatusPolicy, context => Bucket(ClientKey(context), permits, TimeSpan.FromSeconds(1)));
            var creates = quotas.Value.CreatesPerMinute;
            options.AddPolicy(RateLimitingOptions.CreatePolicy, context => Bucket(ClientKey(context), creates, TimeSpan.FromMinutes(1)));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var message = policy == RateLimitingOptions.CreatePolicy
                    ? $"Too many sessions created: at most {creates} a minute for this key's owner."
                    : "Too many requests";
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new ErrorResponse(message), cancellationToken);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(string client, int permits, TimeSpan period) => permits <= 0
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"owner:{name}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
