using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #21's edge fixes, found by an outside check of the fourteen types against R 4.2.2 and exact arithmetic. Each
/// expected value has the R call (options(digits = 17)) or the exact computation that gave it.
/// </summary>
public sealed class EdgeFixesTests
{
    private const double Offset = 3e15; // below 2^52: the values below keep their halves exactly

    private static readonly double[] U = [0.5, 4, 8, 12.5, 16, 5];
    private static readonly double[] V = [2, 6.5, 10, 14, 18.5, 12];

    /// <summary>y = offset + (u, v), g = u ×6, v ×6; x an ordinary column beside y.</summary>
    private static Dataset FarFromZero(double offset) => new([
        new NumericColumn("y", [.. U.Concat(V).Select(v => offset + v)]),
        new CategoricalColumn("g", [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], ["u", "v"]),
        new NumericColumn("x", [1, 3, 2, 5, 4, 6, 8, 7, 9, 11, 10, 12]),
    ]);

    [Test]
    public void Fisher_ZeroCell_SaysTheOddsRatioAndItsUpperBoundAreInfinite()
    {
        // R: fisher.test(matrix(c(3, 1, 0, 2), 2)): p 0.40000000000000019, odds ratio Inf, interval [0.20312883952614808, Inf].
        // R's lower bound is uniroot's, to about 1e-4; exactly (Python fractions, bisecting P(X ≥ 3; ψ) = 0.025 over
        // C(3, x)·C(3, 4 − x)·ψˣ for x = 1..3) it is 0.20314400741878372.
        var data = new Dataset([
            new CategoricalColumn("a", [0, 0, 0, 1, 1, 1], ["r1", "r2"]),
            new CategoricalColumn("b", [0, 0, 0, 0, 1, 1], ["c1", "c2"]),
        ]);
        var r = Run<FisherResult>(new FisherSpec("a", "b", 0.95), data);

        Assert.Multiple(() =>
        {
            Close(r.PValue, 0.40000000000000019, "p");
            Assert.That(r.OddsRatio, Is.EqualTo(double.PositiveInfinity));
            Assert.That(r.ConfidenceInterval![0], Is.EqualTo(0.20314400741878372).Within(1e-12), "lower bound");
            Assert.That(r.ConfidenceInterval[1], Is.EqualTo(double.PositiveInfinity));
            Assert.That(r.Warnings, Is.EqualTo(new[]
            {
                "A zero cell off the diagonal makes the odds ratio infinite (R: Inf): it is given as null.",
                "The interval's upper bound is infinite (R: Inf): it is given as null.",
            }));
            Assert.That(r.ApaSentence, Is.EqualTo("Fisher's exact test, p = .400, OR = ∞, 95% CI [0.20, ∞]"));
        });
    }

    [TestCase(0)]
    [TestCase(Offset)]
    public void Anova_AndTukey_FarFromZero_AreTheStatisticsOfTheValues(double offset)
    {
        // Exact (Python fractions on u and v): F = 0.7257659467604219; R on the values less the offset:
        // a <- anova(lm(y ~ g)), F 0.72576594676042139, p 0.41419550326865673; TukeyHSD(aov(y ~ g)): diff
        // 2.8333333333333321, interval [-4.5770662743905977, 10.243732941057262], p adj 0.41419550325379551.
        // R at the offset: anova(lm(y + 3e15 ~ g)) gives F 0.66007752917302909 ("essentially perfect fit"); we gave 0.8137.
        var data = FarFromZero(offset);
        var anova = Run<AnovaResult>(new AnovaSpec("y", "g"), data);
        var tukey = Run<TukeyResult>(new TukeySpec("y", "g", 0.95), data);

        Assert.Multiple(() =>
        {
            Close(anova.FStatistic, 0.7257659467604219, "F");
            Close(anova.PValue, 0.41419550326865673, "p");
            // u's mean is offset + 23/3; at the offset the nearest double is offset + 7.5 (its step there is 0.5).
            Assert.That(anova.Groups[0].Mean, Is.EqualTo(offset == 0 ? 23.0 / 3 : offset + 7.5).Within(1e-12), "u's mean");
            var pair = tukey.Comparisons.Single();
            Close(pair.Difference, 2.8333333333333321, "difference");
            Close([pair.ConfidenceInterval[0], pair.ConfidenceInterval[1]], [-4.5770662743905977, 10.243732941057262], "interval");
            Assert.That(pair.PValue, Is.EqualTo(0.41419550325379551).Within(1e-9), "p (R's ptukey keeps about 1e-11)");
        });
    }

    [TestCase(0)]
    [TestCase(Offset)]
    public void Pearson_FarFromZero_IsTheCorrelationOfTheValues(double offset)
    {
        // R: cor(y, x) on the values less the offset, 0.4920177802888458; R at the offset: cor(y + 3e15, x), 0.4919601905677744
        var r = Run<CorrelationResult>(new CorrelationSpec(["y", "x"], CorrelationMethod.Pearson), FarFromZero(offset));

        Close(r.Matrix[0][1], 0.4920177802888458, "r");
    }

    [Test]
    public void ValuesNear1eMinus200_HaveTheirSpread()
    {
        // R: sd(c(3.1, 4.2, 6.7, 5.0, 2.2, 7.9)) = 2.1566177222679035 (the SD scales with the values); R's sd of the values
        // × 1e-200 is 0 (the squares underflow). R: anova(lm(a ~ g)) on the values × 1e200: F 0.40666848865810284,
        // p 0.69778897758391711.
        double[] a = [3.1e-200, 4.2e-200, 6.7e-200, 5.0e-200, 2.2e-200, 7.9e-200];
        var data = new Dataset([
            new NumericColumn("a", a),
            new CategoricalColumn("g", [0, 0, 1, 1, 2, 2], ["p", "q", "r"]),
        ]);
        var descriptive = Run<DescriptiveResult>(new DescriptiveSpec(["a"]), data);
        var anova = Run<AnovaResult>(new AnovaSpec("a", "g"), data);

        Assert.Multiple(() =>
        {
            Close(descriptive.Columns["a"].Std, 2.1566177222679035e-200, "SD");
            Close(anova.FStatistic, 0.40666848865810284, "F");
            Close(anova.PValue, 0.69778897758391711, "p");
            Assert.That(anova.Warnings, Has.One.Contains("below the smallest double"));
        });
    }
}

/// <summary>Issue #21: correlation with pairwise deletion against R 4.2.2 (options(digits = 17)).</summary>
public sealed class PairwiseCorrelationVsRTests
{
    // R: d <- data.frame(x = c(1,2,NA,4,5,6,7,8,9,3), y = c(2,1,4,3,NA,5,7,6,8,8), z = c(3,1,2,3,4,5,6,9,2,7),
    //                    w = c(1,NA,NA,NA,NA,NA,NA,NA,2,3))
    private static Dataset Data() => new([
        new NumericColumn("x", [1, 2, double.NaN, 4, 5, 6, 7, 8, 9, 3]),
        new NumericColumn("y", [2, 1, 4, 3, double.NaN, 5, 7, 6, 8, 8]),
        new NumericColumn("z", [3, 1, 2, 3, 4, 5, 6, 9, 2, 7]),
        new NumericColumn("w", [1, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 2, 3]),
    ]);

    [Test]
    public void Pearson_EachPairOnItsOwnRows_AsR()
    {
        // R: cor(d, use = "pairwise.complete.obs"); crossprod(!is.na(as.matrix(d))); cor.test(d$x, d$y)$p.value
        var r = Run<CorrelationResult>(new CorrelationSpec(["x", "y", "z", "w"], CorrelationMethod.Pearson, Use: CorrelationUse.Pairwise), Data());

        Assert.Multiple(() =>
        {
            Close([r.Matrix[0][1], r.Matrix[0][2], r.Matrix[0][3], r.Matrix[1][2], r.Matrix[1][3], r.Matrix[2][3]],
                [0.69821200218844703, 0.35729480050524820, 0.24019223070763071, 0.56589774541472448, 0.86602540378443860, 0.75592894601845451], "r");
            Assert.That(r.NMatrix, Is.EqualTo(new[] { new[] { 9, 8, 9, 3 }, new[] { 8, 9, 9, 3 }, new[] { 9, 9, 10, 3 }, new[] { 3, 3, 3, 3 } }));
            Close(r.PValues[0][1], 0.054100017425834875, "p of x and y (8 rows)");
            Assert.That((r.Use, r.N, r.NExcluded), Is.EqualTo(("pairwise", 10, 0)));
            Assert.That(r.ApaSentence, Does.StartWith("x and y: r(6) = .70, p = .054; x and z: r(7) = "));
        });
    }

    [Test]
    public void Spearman_EachPairRankedOnItsOwnRows_AsR()
    {
        // R: cor(d, use = "pairwise.complete.obs", method = "spearman");
        // cor.test(d$y, d$z, method = "spearman")$p.value (ties: the t approximation)
        var r = Run<CorrelationResult>(new CorrelationSpec(["x", "y", "z", "w"], CorrelationMethod.Spearman, Use: CorrelationUse.Pairwise), Data());

        Assert.Multiple(() =>
        {
            Close([r.Matrix[0][1], r.Matrix[0][2], r.Matrix[0][3], r.Matrix[1][2], r.Matrix[1][3], r.Matrix[2][3]],
                [0.65869444405229249, 0.30962614123961751, 0.5, 0.51899196170727346, 0.86602540378443871, 0.5], "rho");
            Close(r.PValues[1][2], 0.15221958204509758, "p of y and z");
        });
    }
}
