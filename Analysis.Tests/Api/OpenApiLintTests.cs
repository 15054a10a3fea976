using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Analysis.Tests.Api;

/// <summary>
/// <c>docs/openapi.json</c> (kept equal to the served document by <see cref="OpenApiDocumentTests"/>) passes Redocly's
/// recommended rules (<c>redocly.yaml</c>) with no error and no warning. Redocly CLI is pinned in
/// <c>tools/openapi-lint</c>; <c>.ci/run</c> installs it with <c>npm ci</c>. Without it the test is skipped, saying so.
/// </summary>
public sealed partial class OpenApiLintTests
{
    [Test]
    public async Task CommittedDocument_PassesRedoclysRecommendedRules_WithoutWarnings()
    {
        var redocly = RepositoryRoot.Of("tools", "openapi-lint", "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly))
        {
            Assert.Ignore("Redocly CLI is not installed: run `npm ci --prefix tools/openapi-lint` (.ci/run does).");
        }

        var start = new ProcessStartInfo(redocly, ["lint", "docs/openapi.json"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var all = await output + await errors;

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.Zero, all);
            Assert.That(all, Does.Contain("Your API description is valid"), all);
            Assert.That(Warnings().IsMatch(all), Is.False, $"warnings need an ADR that says why:\n{all}");
        });
    }

    [GeneratedRegex(@"You have \d+ warnings?")]
    private static partial Regex Warnings();
}
