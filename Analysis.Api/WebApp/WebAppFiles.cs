using Microsoft.Extensions.FileProviders;

namespace Analysis.Api.WebApp;

/// <summary>
/// The web app (built into <c>webapp/</c> from Analysis.Web, ADR-0013): <c>/</c>, its assets and its icon, anonymous like
/// the health checks; and its pages (a session's, <c>/sessions/{id}</c>; the datasets'), which the app reads from the address. The
/// API's paths are <c>/api/session</c> (the seed's contract, singular); the app's page is plural, as the app's
/// address bar reads: the two name the same thing from two sides.
/// </summary>
public static class WebAppFiles
{
    /// <summary>Serves the built files; not on <c>/api</c>, <c>/health</c> or <c>/openapi</c>: a poll pays no file lookup.</summary>
    public static WebApplication UseWebAppFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = Folder(app.Environment);
        app.UseWhen(context => IsWebAppPath(context.Request.Path), branch =>
        {
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
        return app;
    }

    /// <summary>
    /// The app's pages — a session's, <c>/sessions/{id}</c>; the datasets', <c>/datasets</c> and <c>/datasets/{id}</c>; "Plan a study", <c>/power</c> —
    /// are its <c>index.html</c>: the app reads the address and shows the page, so each can be opened or reloaded.
    /// </summary>
    public static WebApplication MapWebAppPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var pattern in new[] { "/sessions/{*path}", "/datasets", "/datasets/{*path}", "/power" })
        {
            app.MapFallbackToFile(pattern, "index.html", new StaticFileOptions { FileProvider = Folder(app.Environment) });
        }

        return app;
    }

    private static bool IsWebAppPath(PathString path) =>
        path == "/" || path.Equals("/index.html", StringComparison.OrdinalIgnoreCase) ||
        path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase) || path.Equals("/favicon.svg", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);

    /// <summary>The built web app's folder; an empty one when it was not built (no Node.js), so "/" is a 404.</summary>
    private static IFileProvider Folder(IWebHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "webapp");
        return Directory.Exists(folder) ? new PhysicalFileProvider(folder) : new NullFileProvider();
    }
}
