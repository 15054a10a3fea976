using Microsoft.Playwright;

namespace Analysis.Tests.Web;

/// <summary>The web app's "Plan a study" page (#21): a sample size solved as R solves it, a field's error beside it, axe-core.</summary>
public sealed partial class BrowserTests
{
    [Test]
    public async Task PlanAStudy_SolvesTheSampleSize_AndNamesABadField()
    {
        var page = await OpenAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = "Plan a study" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Plan a study", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Difference of means (δ)").FillAsync("1");
        await page.GetByLabel("Power (1 − β)").FillAsync("0.9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();
        var solved = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "(solved)" });
        await solved.WaitForAsync();
        var solvedText = await solved.InnerTextAsync();
        var roundUp = await page.GetByText("Round up:").InnerTextAsync();
        var violations = await SeriousViolationsAsync(page);

        await page.GetByLabel("Power (1 − β)").FillAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();
        var fieldError = page.Locator("#power-power-error");
        await fieldError.WaitForAsync();
        var fieldErrorText = await fieldError.InnerTextAsync();
        var described = await page.GetByLabel("Power (1 − β)").GetAttributeAsync("aria-describedby");
        await ScreenshotAsync(page, "plan-a-study");

        Assert.Multiple(() =>
        {
            // R: power.t.test(delta = 1, power = 0.9)$n = 22.02110 (22.021095570093962 to 1e-12): 23 in each group.
            Assert.That(solvedText, Does.Match(@"Sample size \(per group; pairs when paired\)\s+22\.02"), solvedText);
            Assert.That(roundUp, Is.EqualTo("Round up: 23 in each group."));
            Assert.That(violations, Is.Empty, "axe-core on the page");
            Assert.That(fieldErrorText, Is.EqualTo("Must be between 0 and 1."));
            Assert.That(described, Is.EqualTo("power-power-error"), "the error is the field's description");
        });
    }
}
