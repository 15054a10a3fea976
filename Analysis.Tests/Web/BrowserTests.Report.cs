using System.Text.RegularExpressions;
using Analysis.Tests.Api;
using Microsoft.Playwright;

namespace Analysis.Tests.Web;

/// <summary>
/// The session report in Chromium (issue #20): a session of every type, its report saved from the session page as a
/// person would, then opened on its own. It names no other URL (no <c>src</c>, <c>href</c> or <c>url(</c>), and
/// loads nothing from anywhere when shown; axe-core finds no serious violation; in print, analyses, tables and charts
/// are kept whole; and Chromium prints it to PDF on A4 and on Letter.
/// </summary>
public sealed partial class BrowserTests
{
    [Test]
    public async Task Report_SavedFromTheSessionPage_IsSelfContained_Accessible_AndPrintsToPdf()
    {
        using var api = _factory.CreateClient();
        var id = await api.CreateSessionAsync(
            await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mtcars.csv")), EveryTypePlans.Mtcars, "Every type");
        await api.WaitForStatusAsync(id, "completed");
        var page = await OpenAsync(at: null);
        await page.GotoAsync($"{_base}/sessions/{id}#key={ApiFactory.AliceKey}");
        await page.GetByText("Status: completed").WaitForAsync(new() { Timeout = 15_000 });
        var saved = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync());
        var html = await File.ReadAllTextAsync(await saved.PathAsync());

        // Shown on a page of its own, with every request it would make recorded.
        var report = await page.Context.NewPageAsync();
        var requests = new List<string>();
        report.Request += (_, request) => requests.Add(request.Url);
        await report.SetContentAsync(html);
        var violations = await SeriousViolationsAsync(report);
        await report.EmulateMediaAsync(new() { Media = Media.Print });
        var unbroken = await report.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('section.analysis, table, svg')].map(e => getComputedStyle(e).breakInside).filter(v => v !== 'avoid')");
        var a4 = await report.PdfAsync(new() { Format = "A4" });
        var letter = await report.PdfAsync(new() { Format = "Letter" });
        var sections = await report.Locator("section.analysis").CountAsync();
        var charts = await report.Locator("svg[role=img]").CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(saved.SuggestedFilename, Is.EqualTo("Every type.html"));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(Regex.Matches(html, @"\b(src|href)\s*=|url\(", RegexOptions.IgnoreCase).Select(m => m.Value), Is.Empty, "no reference to any other URL");
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(requests.Where(u => !u.StartsWith("about:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty, "nothing loaded");
            Assert.That(sections, Is.EqualTo(JsonNode.Parse(EveryTypePlans.Mtcars)!.AsArray().Count), "every analysis of the plan");
            Assert.That(charts, Is.GreaterThanOrEqualTo(4), "the group and descriptive charts");
            Assert.That(violations, Is.Empty, "axe-core on the report");
            Assert.That(unbroken, Is.Empty, "in print, no analysis, table or chart is cut across pages");
            Assert.That(System.Text.Encoding.ASCII.GetString(a4, 0, 5), Is.EqualTo("%PDF-"));
            Assert.That(System.Text.Encoding.ASCII.GetString(letter, 0, 5), Is.EqualTo("%PDF-"));
            Assert.That(a4, Has.Length.GreaterThan(20_000), "pages with content, not an empty one");
        });
    }
}
