using Analysis.Api;
using Analysis.Api.Errors;
using Analysis.Api.Health;
using Analysis.Api.Http;
using Analysis.Api.Status;
using Analysis.Api.WebApp;
using Analysis.Application;
using Analysis.Infrastructure;
using Analysis.Infrastructure.Persistence;
using NLog.Web;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Host.UseNLog();

builder.Services
    .AddApplicationServices(builder.Configuration)
    .AddInfrastructureServices(builder.Configuration)
    .AddWebServices(builder.Configuration, builder.Environment);

var app = builder.Build();
try
{
    // Checked here, before anything starts, so that a bad setting is this one line and not the host's stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    await app.Services.InitializeDatabaseAsync();

    // The pipeline, in the order a request meets it.
    app.UseMiddleware<SecurityHeadersMiddleware>(); // on every answer, errors included
    app.UseMiddleware<HeadRequestMiddleware>();
    app.UseExceptionHandler(); // Errors/ApiExceptionHandler: the one place an exception becomes an answer
    app.UseStatusCodePages(ErrorEnvelopes.WriteStatusCodeAsync); // routing's bodiless 404/405 get the envelope too
    app.UseWebAppFiles(); // "/", its assets and icon, anonymous
    app.UseRouting();
    app.UseAuthentication(); // the API key, whose owner the rate limiter and everything after it need
    app.UseRateLimiter(); // per owner: limits apply to memory answers too
    app.UseMiddleware<StatusFastPathMiddleware>(); // a status poll memory can answer ends here, before MVC (ADR-0007)
    app.UseAuthorization();
    app.MapControllers();
    app.MapHealthEndpoints();
    app.MapOpenApi();
    app.MapScalarApiReference();
    app.MapWebAppPages(); // /sessions/{id}

    await app.RunAsync();
    return 0;
}
catch (DatabaseUnavailableException unavailable)
{
    app.Logger.LogCritical("Not starting: {Reason}", unavailable.Message);
    NLog.LogManager.Flush(TimeSpan.FromSeconds(5));
    return 1;
}
catch (OptionsValidationException invalid)
{
    // A configuration mistake is one clear line for the operator, not a stack trace.
    app.Logger.LogCritical("Not starting: the configuration is invalid. {Problems}", string.Join(" ", invalid.Failures));
    NLog.LogManager.Flush(TimeSpan.FromSeconds(5)); // the console target is asynchronous; the process ends next
    return 1;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
