using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain.Statistics;

/// <summary>The Shapiro–Wilk test against R 4.2.2's shapiro.test (the R call beside each expected value).</summary>
public sealed class ShapiroWilkTests
{
    private static void AssertMatchesR(ShapiroWilkTest actual, double w, double p) =>
        Assert.Multiple(() =>
        {
            Assert.That(actual.W, Is.EqualTo(w).Within(1e-7 * w), "W");
            Assert.That(actual.PValue, Is.EqualTo(p).Within(1e-6 * p), "p-value");
        });

    // Three values: W's exact distribution, P = (6/π)(asin √W − π/3), 0 at the smallest W = 3/4, 1 at W = 1.
    // R: shapiro.test(c(1.5, 0.3, -0.2))
    [TestCase(new[] { 1.5, 0.3, -0.2 }, 0.94650655021834085, 0.55423913972943628)]
    // R: shapiro.test(c(10, 11, 15))
    [TestCase(new[] { 10.0, 11, 15 }, 0.89285714285714279, 0.36311315497102503)]
    // R: shapiro.test(c(1, 1, 2))
    [TestCase(new[] { 1.0, 1, 2 }, 0.75, 0)]
    // R: shapiro.test(c(1, 2, 3))
    [TestCase(new[] { 1.0, 2, 3 }, 1, 0.99999999999999334)]
    public void Test_ThreeValues_MatchesR(double[] values, double w, double p) =>
        AssertMatchesR(ShapiroWilk.Test(values), w, p);

    // 4 to 11 values: −log(γ(n) − log(1 − W)) taken as normal, with one corrected coefficient below 6 values.
    // R: shapiro.test(c(2.1, 3.4, 1.9, 5.6))
    [TestCase(new[] { 2.1, 3.4, 1.9, 5.6 }, 0.87603183393998441, 0.32196480117232057)]
    // R: shapiro.test(c(148, 154, 158, 160, 161))
    [TestCase(new[] { 148.0, 154, 158, 160, 161 }, 0.90228045833036385, 0.42261778709902209)]
    // R: shapiro.test(c(0.2, -1.1, 0.9, 1.7, -0.4, 0.1))
    [TestCase(new[] { 0.2, -1.1, 0.9, 1.7, -0.4, 0.1 }, 0.98607462600983919, 0.97746824455226877)]
    // R: shapiro.test(c(3.1, 2.7, 3.9, 3.3, 2.2, 4.8, 3.0))
    [TestCase(new[] { 3.1, 2.7, 3.9, 3.3, 2.2, 4.8, 3.0 }, 0.95271407402266794, 0.75432320823455168)]
    // R: shapiro.test(c(1, 2, 2, 3, 3, 3, 4, 9))
    [TestCase(new[] { 1.0, 2, 2, 3, 3, 3, 4, 9 }, 0.76184327790708217, 0.011032397284293109)]
    // R: shapiro.test(c(12.5, 13.1, 11.8, 12.9, 14.2, 12.2, 13.6, 12.7, 13.0))
    [TestCase(new[] { 12.5, 13.1, 11.8, 12.9, 14.2, 12.2, 13.6, 12.7, 13.0 }, 0.98261269401245654, 0.97635600989619498)]
    // R: shapiro.test(c(0.01, 0.03, 0.02, 0.5, 0.04, 0.02, 0.07, 1.3, 0.05, 0.03))
    [TestCase(new[] { 0.01, 0.03, 0.02, 0.5, 0.04, 0.02, 0.07, 1.3, 0.05, 0.03 }, 0.54553413205496915, 1.2488483386833373e-05)]
    // R: shapiro.test(c(5.2, 4.8, 6.1, 5.5, 4.9, 5.0, 5.7, 6.3, 4.4, 5.1, 5.9))
    [TestCase(new[] { 5.2, 4.8, 6.1, 5.5, 4.9, 5.0, 5.7, 6.3, 4.4, 5.1, 5.9 }, 0.96947474825233981, 0.88117701284503636)]
    public void Test_FourToElevenValues_MatchesR(double[] values, double w, double p) =>
        AssertMatchesR(ShapiroWilk.Test(values), w, p);

    // 12 values or more: log(1 − W) taken as normal.
    // R: shapiro.test(c(5.2, 4.8, 6.1, 5.5, 4.9, 5.0, 5.7, 6.3, 4.4, 5.1, 5.9, 5.4))
    [TestCase(new[] { 5.2, 4.8, 6.1, 5.5, 4.9, 5.0, 5.7, 6.3, 4.4, 5.1, 5.9, 5.4 }, 0.98161318180725321, 0.98926492512875264)]
    // R: shapiro.test(c(1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5, 6))
    [TestCase(new[] { 1.0, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5, 6 }, 0.91967964233506749, 0.24836820646088084)]
    // R: shapiro.test(c(-0.63, 0.18, -0.84, 1.6, 0.33, -0.82, 0.49, 0.74, 0.58, -0.31, 1.51, 0.39, -0.62, -2.21, 1.12, -0.04, -0.02, 0.94, 0.82, 0.59))
    [TestCase(new[] { -0.63, 0.18, -0.84, 1.6, 0.33, -0.82, 0.49, 0.74, 0.58, -0.31, 1.51, 0.39, -0.62, -2.21, 1.12, -0.04, -0.02, 0.94, 0.82, 0.59 }, 0.95381493781566717, 0.42872477186138369)]
    public void Test_TwelveValuesOrMore_MatchesR(double[] values, double w, double p) =>
        AssertMatchesR(ShapiroWilk.Test(values), w, p);

    [Test]
    public void Test_FarFromZero_MatchesR()
    {
        // Far from 0 the range-scaled values lose digits in R as here (W moves by 1e-8 from the unshifted sample).
        double[] values = [-0.63, 0.18, -0.84, 1.6, 0.33, -0.82, 0.49, 0.74, 0.58, -0.31, 1.51, 0.39, -0.62, -2.21, 1.12, -0.04, -0.02, 0.94, 0.82, 0.59];

        var shifted = values.Select(v => 1e6 + (v / 1000)).ToArray();

        // R: shapiro.test(1e6 + c(-0.63, 0.18, -0.84, 1.6, 0.33, -0.82, 0.49, 0.74, 0.58, -0.31, 1.51, 0.39, -0.62, -2.21, 1.12, -0.04, -0.02, 0.94, 0.82, 0.59) / 1000)
        AssertMatchesR(ShapiroWilk.Test(shifted), 0.95381494696636315, 0.42872492860936789);
    }

    [Test]
    public void Test_GeneratedSamples_MatchR()
    {
        Assert.Multiple(() =>
        {
            // A strongly non-normal sample: R: shapiro.test(exp((1:200) / 10))
            AssertMatchesR(ShapiroWilk.Test(Generate(200, i => Math.Exp(i / 10.0))), 0.38255279304196244, 1.1539897547722552e-25);

            // Uniform: R: shapiro.test(((1:100 * 37) %% 101) / 101)
            AssertMatchesR(ShapiroWilk.Test(Generate(100, i => i * 37 % 101 / 101.0)), 0.95472474499171933, 0.0017217222029889336);

            // Eleven distinct values, each about 90 times: R: shapiro.test(round(((1:1000 * 7919) %% 1009) / 100))
            AssertMatchesR(
                ShapiroWilk.Test(Generate(1000, i => Math.Round(i * 7919 % 1009 / 100.0, MidpointRounding.ToEven))),
                0.94881788415229595,
                3.8429440628002174e-18);

            // R: shapiro.test(sin(1:4999) * 3 + cos((1:4999) / 7))
            AssertMatchesR(ShapiroWilk.Test(Generate(4999, i => (Math.Sin(i) * 3) + Math.Cos(i / 7.0))), 0.95447486969799444, 6.9026715613877917e-37);
        });
    }

    [Test]
    public void Test_FiveThousandValues_MatchesR()
    {
        Assert.Multiple(() =>
        {
            // Skewed: R: shapiro.test((((1:5000) * 7919) %% 5003 / 5003)^3)
            AssertMatchesR(ShapiroWilk.Test(Generate(5000, i => Math.Pow(i * 7919 % 5003 / 5003.0, 3))), 0.82408904893877233, 3.4485234682452557e-59);

            // A sum of six uniforms: R: shapiro.test((((1:5000) * 7919) %% 5003 + ((1:5000) * 104729) %% 4999 +
            //   ((1:5000) * 1299709) %% 4993 + ((1:5000) * 15485863) %% 4987 + ((1:5000) * 32452843) %% 4973 +
            //   ((1:5000) * 49979687) %% 4969) / 5000)
            var sum = Generate(5000, i =>
                ((i * 7919 % 5003) + (i * 104729 % 4999) + (i * 1299709 % 4993) + (i * 15485863 % 4987) + (i * 32452843 % 4973) + (i * 49979687 % 4969)) / 5000.0);
            AssertMatchesR(ShapiroWilk.Test(sum), 0.99692045056177236, 1.298184191459622e-08);

            // Tukey's lambda (0.1349, close to normal) at the points of a scrambled grid, scaled by 1 + sin(i)/5:
            // R: tl <- function(u, l = 0.1349) (u^l - (1 - u)^l) / l; i <- 1:5000
            //    shapiro.test(tl(((i * 7919) %% 5003 + 0.5) / 5003) * (1 + 0.2 * sin(i)))
            var nearNormal = Generate(5000, i =>
            {
                var u = ((i * 7919 % 5003) + 0.5) / 5003;
                return (Math.Pow(u, 0.1349) - Math.Pow(1 - u, 0.1349)) / 0.1349 * (1 + (0.2 * Math.Sin(i)));
            });
            AssertMatchesR(ShapiroWilk.Test(nearNormal), 0.99954281058634153, 0.28712225873214381);
        });
    }

    [Test]
    public void Test_AnyOrder_GivesTheSameResult()
    {
        var values = Generate(500, i => Math.Sin(i) + (i % 7));
        var reversed = values.Reverse().ToArray();
        var shuffled = values.OrderBy(v => v * 7919 % 1).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(ShapiroWilk.Test(reversed), Is.EqualTo(ShapiroWilk.Test(values)));
            Assert.That(ShapiroWilk.Test(shuffled), Is.EqualTo(ShapiroWilk.Test(values)));
        });
    }

    [Test]
    public void Test_OutsideThreeToFiveThousand_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ShapiroWilk.Test([1.0, 2]), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ShapiroWilk.Test([]), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ShapiroWilk.Test(Generate(ShapiroWilk.MaxN + 1, i => i)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ShapiroWilk.Test(Generate(ShapiroWilk.MaxN, i => i)), Throws.Nothing);
        });
    }

    [Test]
    public void Test_IdenticalOrInvalidValues_Throws()
    {
        Assert.Multiple(() =>
        {
            // R: shapiro.test(c(2, 2, 2, 2)) stops with "all 'x' values are identical".
            Assert.That(() => ShapiroWilk.Test([2.0, 2, 2, 2]), Throws.ArgumentException.With.Message.Contains("identical"));
            Assert.That(() => ShapiroWilk.Test([1.0, double.NaN, 3]), Throws.ArgumentException);
            Assert.That(() => ShapiroWilk.Test([1.0, double.PositiveInfinity, 3]), Throws.ArgumentException);
        });
    }

    /// <summary>f(1), …, f(n), as R's f(1:n).</summary>
    private static double[] Generate(int n, Func<long, double> f)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = f(i + 1);
        }

        return values;
    }
}
