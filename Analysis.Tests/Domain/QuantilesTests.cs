using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain;

public sealed class QuantilesTests
{
    [Test]
    public void Type7_OnRandomData_EqualsSortingDefinition()
    {
        var random = new Random(42);
        foreach (var n in new[] { 1, 2, 3, 17, 100, 1001, 50_000 })
        {
            var values = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 100, random.Next(0, 3))).ToArray();
            var sorted = values.OrderBy(v => v).ToArray();
            double[] p = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

            var actual = Quantiles.Type7(values.ToArray(), p);

            for (var i = 0; i < p.Length; i++)
            {
                var h = (n - 1) * p[i];
                var lo = (int)Math.Floor(h);
                var hi = Math.Min(lo + 1, n - 1);
                var expected = ((1 - (h - lo)) * sorted[lo]) + ((h - lo) * sorted[hi]);
                Assert.That(actual[i], Is.EqualTo(expected).Within(1e-12), $"n={n} p={p[i]}");
            }
        }
    }

    [Test]
    public void Type7_OnAdversarialRuns_StaysCorrect()
    {
        // Many ties and an already sorted run: the introselect falls back to sorting instead of degrading.
        var values = Enumerable.Range(0, 20_000).Select(i => (double)(i % 3)).Concat(Enumerable.Range(0, 20_000).Select(i => (double)i)).ToArray();
        var sorted = values.OrderBy(v => v).ToArray();

        var actual = Quantiles.Type7(values, [0.5]);

        Assert.That(actual[0], Is.EqualTo((sorted[19_999] + sorted[20_000]) / 2));
    }
}
