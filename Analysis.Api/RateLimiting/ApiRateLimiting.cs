using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Analysis.Api.RateLimiting;

/// <summary>
/// The rate limits, per owner (per remote address for a request without a key), refilled every second: status and
/// events requests (a token bucket: a second's worth of burst, refilled every second) and session creates
/// (<c>Quotas:CreatesPerMinute</c> in any minute: a sliding window of sixty one-second segments, so each create's permit
/// comes back a minute after it was used — not a whole minute's worth at each minute's turn, which let an owner make
/// nearly two minutes' worth in a few seconds). Past one: 429 with <c>Retry-After</c> and a message that says which limit.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, IOptions<QuotaOptions>>((options, settings, quotas) =>
        {
            var permits = settings.Value.StatusPermitsPerSecond;
            options.AddPolicy(RateLimitingOptions.StatusPolicy, context => Bucket(ClientKey(context), permits, permits, TimeSpan.FromSeconds(1)));
            var creates = quotas.Value.CreatesPerMinute;
            options.AddPolicy(RateLimitingOptions.CreatePolicy, context => creates <= 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => CreatesBucket(creates)));
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

    private static RateLimitPartition<string> Bucket(string client, int burst, int tokensPerPeriod, TimeSpan period) => burst <= 0
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>
    /// A bucket of <paramref name="perMinute"/> creates that gets one back every 60/<paramref name="perMinute"/>
    /// seconds (every second at 60), as the status limiter refills: never a minute's worth at once at a boundary.
    /// </summary>
    internal static TokenBucketRateLimiterOptions CreatesBucket(int perMinute, bool autoReplenishment = true) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = 0,
        AutoReplenishment = autoReplenishment,
    };

    private static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? $"owner:{name}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
