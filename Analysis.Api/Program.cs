using Analysis.Api;
using Analysis.Application;
using Analysis.Infrastructure;
using Analysis.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using NLog.Web;

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
    app.UseWebPipeline();
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
