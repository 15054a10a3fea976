using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain;

/// <summary>Tails and quantiles against R 4.2.2 (the R call for each row is beside it).</summary>
public sealed class DistributionsTests
{
    // R: qt(p, df)
    [TestCase(0.99995, 1, 6366.1976713166368)]
    [TestCase(0.9999995, 2, 999.99925004097702)]
    [TestCase(0.975, 1_000_000, 1.9599663568141066)]
    [TestCase(0.975, 17.78, 2.1027869466251645)]
    [TestCase(0.6, 3, 0.27667066233268983)]
    [TestCase(0.5000001, 10, 2.5699780338808192e-07)]
    [TestCase(0.025, 17.78, -2.1027869466251645)]
    public void StudentTQuantile_MatchesR(double p, double df, double expected) =>
        Assert.That(Distributions.StudentTQuantile(p, df), Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)));

    // R: qnorm(p), printed with sprintf("%.17g"): R's qnorm is AS 241 too, so the digits agree to rounding. The rows
    // cover the middle rational function (0.075 ≤ p ≤ 0.925), the near tail (r ≤ 5) and the far tail (p < 1.4e-11).
    [TestCase(1e-300, -37.047096299361201)]
    [TestCase(1e-20, -9.2623400897984052)]
    [TestCase(1e-10, -6.3613409024040557)]
    [TestCase(0.001, -3.0902323061678132)]
    [TestCase(0.025, -1.9599639845400538)]
    [TestCase(0.075, -1.4395314709384557)]
    [TestCase(0.3, -0.52440051270804067)]
    [TestCase(0.5 + 1e-12, 2.5065728237018611e-12)]
    [TestCase(0.9, 1.2815515655446008)]
    [TestCase(0.975, 1.9599639845400536)]
    [TestCase(0.999, 3.0902323061678132)]
    [TestCase(1 - 1e-12, 7.0344869100478356)]
    // Royston's first normal score for 5000 values: R: qnorm((1 - 0.375) / (5000 + 0.25))
    [TestCase((1 - 0.375) / 5000.25, -3.6622727355848306)]
    public void NormalQuantile_MatchesR(double p, double expected) =>
        Assert.That(Distributions.NormalQuantile(p), Is.EqualTo(expected).Within(4e-16 * Math.Abs(expected)));

    [Test]
    public void NormalQuantile_AtAndOutsideTheEnds()
    {
        Assert.Multiple(() =>
        {
            // R: qnorm(0), qnorm(1), qnorm(0.5), qnorm(-0.1), qnorm(NaN)
            Assert.That(Distributions.NormalQuantile(0), Is.EqualTo(double.NegativeInfinity));
            Assert.That(Distributions.NormalQuantile(1), Is.EqualTo(double.PositiveInfinity));
            Assert.That(Distributions.NormalQuantile(0.5), Is.Zero);
            Assert.That(Distributions.NormalQuantile(-0.1), Is.NaN);
            Assert.That(Distributions.NormalQuantile(double.NaN), Is.NaN);
        });
    }

    // R: 2 * pt(-abs(t), df); pf(f, d1, d2, lower.tail = FALSE); pchisq(x, k, lower.tail = FALSE)
    [TestCase("t", 40, 30, 0, 1.3726045194406362e-27)]
    [TestCase("t", 60, 100, 0, 3.1376143191413632e-80)]
    [TestCase("t", 1.861, 17.78, 0, 0.07936322778635771)]
    [TestCase("f", 200, 3, 100, 4.1448445186123682e-42)]
    [TestCase("f", 0.3, 4, 7, 0.8691655201183599)]
    [TestCase("c", 900, 20, 0, 7.859350439695908e-178)]
    [TestCase("c", 0.1, 10, 0, 0.99999999750204871)]
    public void UpperTails_KeepSignificantDigitsHoweverSmall(string kind, double x, double a, double b, double expected)
    {
        var actual = kind switch
        {
            "t" => Distributions.StudentTTwoSided(x, a),
            "f" => Distributions.FUpper(x, a, b),
            _ => Distributions.ChiSquareUpper(x, a),
        };

        Assert.That(actual, Is.EqualTo(expected).Within(1e-6 * expected));
    }
}
