using System.Globalization;
using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain;

/// <summary>
/// <see cref="PAdjust"/> against R's <c>p.adjust</c> (R 4.2): every method on a family of 1, of 2 (where Hommel's is
/// Hochberg's), of 52 with ties and two missing, and on a Hommel family of 30 with very small p-values. The expected
/// values are in TestData/p_adjust.csv, written by <c>Rscript scripts/p-adjust-reference.R</c> (each row
/// <c>p.adjust(p, method = m)[i]</c>, <c>sprintf("%.17g")</c>), compared to 1e-14 relative: R sums the BY factor
/// (the harmonic number) in extended precision.
/// </summary>
public sealed class PAdjustTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "p_adjust.csv"));

    private static double Number(string text) => text == "NA" ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    public static IEnumerable<TestCaseData> Families() =>
        Lines.Skip(1).Select(l => l.Split(',')).GroupBy(f => (Family: f[0], Method: f[1]))
            .Select(g => new TestCaseData(g.Key.Family, g.Key.Method, g.Select(f => Number(f[3])).ToArray(), g.Select(f => Number(f[4])).ToArray())
                .SetName($"PAdjust_{g.Key.Family}_{g.Key.Method}_IsRs"));

    [TestCaseSource(nameof(Families))]
    public void Adjust_IsRsPAdjust(string family, string method, double[] p, double[] expected)
    {
        var adjusted = PAdjust.Adjust(p, PAdjust.Parse(method));

        Assert.That(PAdjust.Name(PAdjust.Parse(method)), Is.EqualTo(method), "the name round-trips");
        for (var i = 0; i < p.Length; i++)
        {
            Assert.That(adjusted[i], double.IsNaN(expected[i]) ? Is.NaN : Is.EqualTo(expected[i]).Within(1e-12).Percent, $"{family}, {method}, p[{i + 1}] = {p[i]}");
        }
    }

    [Test]
    public void Families_CoverEveryMethodAtEachSize()
    {
        var rows = Lines.Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r[1]).Distinct(), Is.EquivalentTo(PAdjust.Names));
            Assert.That(rows.Where(r => r[1] == "holm").GroupBy(r => r[0]).Select(g => g.Count()), Is.EqualTo(new[] { 1, 2, 52, 30 }));
            Assert.That(rows.Count(r => r[0] == "fifty" && r[1] == "holm" && r[3] == "NA"), Is.EqualTo(2), "two missing");
        });
    }
}
