using Analysis.Application.Common;
using Microsoft.Extensions.Options;

namespace Analysis.Tests.Application;

internal static class TestData
{
    /// <summary>The owner of sessions made directly in tests: alice, the owner of the API tests' default key.</summary>
    public const string Owner = "alice";

    /// <summary>R's <c>sleep</c> data: extra (numeric), group (categorical "1"/"2" here as text), ID.</summary>
    public static Dataset Sleep() => new([
        new NumericColumn("extra", [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]),
        new CategoricalColumn("group", [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 10)], ["a", "b"]),
        new CategoricalColumn("size", [.. Enumerable.Range(0, 20).Select(i => i % 3)], ["l", "m", "s"]),
    ]);

    public static IOptions<AnalysisOptions> Options() => Microsoft.Extensions.Options.Options.Create(new AnalysisOptions());
}
