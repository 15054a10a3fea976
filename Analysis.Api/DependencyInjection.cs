using Analysis.Api.Errors;
using Analysis.Api.Limits;
using Analysis.Api.RateLimiting;
using Analysis.Api.Status;
using Analysis.Api.Uploads;
using Analysis.Application;
using Analysis.Application.Common.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;

namespace Analysis.Api;

/// <summary>The web layer's services; the order of the pipeline that uses them is in <c>Program.cs</c>.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddWebServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApiKeyAuthentication(configuration, environment);
        services.AddValidatedOptions<LimitsOptions>(configuration, LimitsOptions.SectionName, o => o.Problems());
        services.AddSingleton<HeldRequests>();
        services.AddSingleton<ConnectionLimit>();
        services.AddOptions<KestrelServerOptions>().Configure<ConnectionLimit>((kestrel, limit) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(limit.Wrap));
        });
        services.AddValidatedOptions<RateLimitingOptions>(configuration, RateLimitingOptions.SectionName, o => o.Problems());
        services.AddHostedService<UploadLeftovers>();
        services.AddSingleton<StatusResponseWriter>();
        services.AddApiRateLimiting();
        services.AddControllers()
            .AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o =>
            {
                o.InvalidModelStateResponseFactory = ErrorEnvelopes.InvalidModelState;

                // Bodiless 4xx get the API's envelope from UseStatusCodePages, not ProblemDetails.
                o.SuppressMapClientErrors = true;
            });
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<OpenApi.ApiDocumentTransformer>();
            o.AddDocumentTransformer<OpenApi.AnalysisSchemasDocumentTransformer>();
            o.AddOperationTransformer<OpenApi.ApiOperationTransformer>();
            o.AddSchemaTransformer<OpenApi.ConvertedValueSchemaTransformer>();
            o.AddSchemaTransformer<OpenApi.WireValuesSchemaTransformer>();
            o.AddSchemaTransformer<OpenApi.SampleValuesSchemaTransformer>();
        });
        return services;
    }
}
