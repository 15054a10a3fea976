using Analysis.Api.Authentication;
using Analysis.Api.Contracts;
using Analysis.Api.Errors;
using Analysis.Api.Http;
using Analysis.Api.Limits;
using Analysis.Api.RateLimiting;
using Analysis.Api.Status;
using Analysis.Api.Uploads;
using Analysis.Application;
using Analysis.Application.Common.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Analysis.Api;

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
                o.InvalidModelStateResponseFactory = InvalidModelState;

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

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<HeadRequestMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusCodeEnvelope);
        // The web app (built into webapp/ from Analysis.Web): "/" and its assets, anonymous like the health checks.
        // Not on /api, /health or /openapi: a poll pays no file lookup.
        var webApp = WebAppFiles(app.Environment);
        app.UseWhen(context => IsWebAppPath(context.Request.Path), branch =>
        {
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webApp });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = webApp });
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<StatusFastPathMiddleware>();
        app.UseAuthorization();
        app.MapControllers();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag),
            ResponseWriter = WriteHealth,
        });
        app.MapOpenApi();
        app.MapScalarApiReference();

        // A session's page, /sessions/{id}, is the app's too: the app reads the address and shows the session.
        app.MapFallbackToFile("/sessions/{*path}", "index.html", new StaticFileOptions { FileProvider = webApp });
        return app;
    }

    private static bool IsWebAppPath(PathString path) =>
        path == "/" || path.Equals("/index.html", StringComparison.OrdinalIgnoreCase) ||
        path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase) || path.Equals("/favicon.svg", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);

    /// <summary>The built web app's folder; an empty one when it was not built (no Node.js), so "/" is a 404.</summary>
    private static Microsoft.Extensions.FileProviders.IFileProvider WebAppFiles(IWebHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "webapp");
        return Directory.Exists(folder)
            ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(folder)
            : new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>Model binding failures (e.g. <c>?page=abc</c>) in the API's envelope, with camelCase paths.</summary>
    private static BadRequestObjectResult InvalidModelState(ActionContext context)
    {
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(
                e => ValidationErrorsPath(e.Key),
                e => e.Value!.Errors.Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? "Invalid value." : x.ErrorMessage).ToArray());
        var first = errors.First();
        return new BadRequestObjectResult(new ErrorResponse($"Invalid request: {first.Key}: {first.Value[0]}")
        {
            Errors = errors,
            TraceId = ApiExceptionHandler.TraceIdOf(context.HttpContext),
        });
    }

    private static string ValidationErrorsPath(string key) =>
        key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;

    /// <summary>Bodiless 4xx/5xx from routing (unknown path, wrong method) get the envelope too.</summary>
    private static async Task WriteStatusCodeEnvelope(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type: send multipart/form-data or application/json",
            >= 500 => "An unexpected error occurred",
            _ => ReasonPhrase(response.StatusCode),
        };
        await response.WriteAsJsonAsync(new ErrorResponse(message) { TraceId = ApiExceptionHandler.TraceIdOf(context.HttpContext) });
    }

    private static string ReasonPhrase(int statusCode) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error";

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        var healthy = report.Status == HealthStatus.Healthy;
        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            success = healthy,
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        });
    }
}
