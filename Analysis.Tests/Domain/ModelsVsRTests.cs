using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>ANOVA, regression, chi-square and correlation against R 4.2.2 (values printed by scripts/r-reference.R).</summary>
public sealed class ModelsVsRTests
{
    [Test]
    public void Anova_MpgByCylinders_UnequalGroups_MatchesR()
    {
        // R: anova(lm(mpg ~ factor(cyl), data = mtcars)); tapply(mtcars$mpg, mtcars$cyl, mean / sd)
        var r = Run<AnovaResult>(new AnovaSpec("mpg", "cyl"), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.FStatistic, 39.697515255869021, "F");
            Assert.That((r.DfBetween, r.DfWithin, r.N), Is.EqualTo((2, 29, 32)));
            Close(r.PValue, 4.9789191744002268e-09, "p");
            Close(r.SumSquaresBetween, 824.78459009740209, "ssb");
            Close(r.SumSquaresWithin, 301.26259740259724, "ssw");
            Assert.That(r.Groups.Select(g => (g.Name, g.N)), Is.EqualTo(new[] { ("4", 11), ("6", 7), ("8", 14) }));
            Close([.. r.Groups.Select(g => g.Mean)], [26.663636363636364, 19.742857142857144, 15.1], "means");
            Close([.. r.Groups.Select(g => g.Std)], [4.5098276524214818, 1.4535670410604187, 2.5600480764716416], "sds");
        });
    }

    [Test]
    public void Anova_WithMissingValues_DropsIncompleteRows_MatchesR()
    {
        // R: anova(lm(y ~ factor(g), data = d)) on generated.csv (57 complete rows: 33, 16, 8)
        var r = Run<AnovaResult>(new AnovaSpec("y", "g"), Load("generated.csv"));

        Assert.Multiple(() =>
        {
            Close(r.FStatistic, 0.18754964421461071, "F");
            Assert.That((r.DfBetween, r.DfWithin, r.N), Is.EqualTo((2, 54, 57)));
            Close(r.PValue, 0.82952564086543723, "p");
            Close(r.SumSquaresBetween, 3.6536876021730422, "ssb");
            Close(r.SumSquaresWithin, 525.99174832765175, "ssw");
            Assert.That(r.Groups.Select(g => g.N), Is.EqualTo(new[] { 33, 16, 8 }));
        });
    }

    [Test]
    public void Regression_MpgOnWtHpQsec_MatchesR()
    {
        // R: summary(lm(mpg ~ wt + hp + qsec, data = mtcars))
        var r = Run<RegressionResult>(new RegressionSpec("mpg", ["wt", "hp", "qsec"]), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "wt", "hp", "qsec" }));
            Close([.. r.Coefficients.Select(c => c.Estimate)], [27.610526858204938, -4.3587972001626856, -0.017822271605542488, 0.51083369424505742], "estimate");
            Close([.. r.Coefficients.Select(c => c.StdError)], [8.4199284765393205, 0.7527003922347395, 0.014981168848936303, 0.43922153203755343], "se");
            Close([.. r.Coefficients.Select(c => c.TStatistic)], [3.2791878143783419, -5.7908794058437758, -1.1896449325986944, 1.1630433778492015], "t");
            Close([.. r.Coefficients.Select(c => c.PValue)], [0.0027845556611020826, 3.2172215296399067e-06, 0.24417624090336654, 0.2546283810265022], "p");
            Close(r.RSquared, 0.83476776170582967, "r2");
            Close(r.AdjustedRSquared, 0.81706430760288284, "adj r2");
            Close(r.FStatistic, 47.152818701457747, "F");
            Close(r.FPValue, 4.5064110240248436e-11, "F p");
            Close(r.ResidualStdError, 2.5777848825208176, "sigma");
            Assert.That((r.DfResidual, r.N), Is.EqualTo((28, 32)));
        });
    }

    [Test]
    public void Regression_WithMissingValues_MatchesR()
    {
        // R: summary(lm(y ~ x1 + x2 + x3, data = d)) on generated.csv (56 complete rows)
        var r = Run<RegressionResult>(new RegressionSpec("y", ["x1", "x2", "x3"]), Load("generated.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.N, Is.EqualTo(56));
            Close([.. r.Coefficients.Select(c => c.Estimate)], [2.7336617112840291, 1.4172206747090839, -0.95033332099297441, 2.9506477992746358], "estimate");
            Close([.. r.Coefficients.Select(c => c.StdError)], [0.65718330553642867, 0.065176590944702503, 0.1276631464470066, 0.33618452806765076], "se");
            Close([.. r.Coefficients.Select(c => c.PValue)], [0.00011972099517522884, 9.1105045254070077e-28, 9.7006621787464178e-10, 7.6986494065980374e-12], "p");
            Close(r.RSquared, 0.93255031409172662, "r2");
            Close(r.AdjustedRSquared, 0.92865898605855701, "adj r2");
            Close(r.FStatistic, 239.64834271042713, "F");
            Close(r.ResidualStdError, 0.82287724617853208, "sigma");
        });
    }

    [Test]
    public void Regression_TinyPValue_KeepsItsDigits()
    {
        // R: ms <- summary(lm(v ~ u, data = strong)); ms$coefficients[2, 4]; pf(F, 1, 398, lower.tail = FALSE)
        var r = Run<RegressionResult>(new RegressionSpec("v", ["u"]), Load("strong.csv"));

        Close(r.Coefficients[1].PValue, 7.7887553634622757e-78, "slope p");
        Close(r.FPValue, 7.7887553634647139e-78, "F p");
    }

    [Test]
    public void Regression_IllConditionedPolynomial_MatchesR()
    {
        // R: summary(lm(y ~ yr + yr2 + yr3, data = illconditioned))   (yr = 2000:2039: cubic in raw years)
        var r = Run<RegressionResult>(new RegressionSpec("y", ["yr", "yr2", "yr3"]), Load("illconditioned.csv"));

        Close([.. r.Coefficients.Select(c => c.Estimate)], [-3336925.9269933999, 4978.6340719022446, -2.4762462039305189, 0.00041058304556803118], "estimate");
        Close([.. r.Coefficients.Select(c => c.StdError)], [5388781.2283994276, 8005.3797435878678, 3.9641015527018997, 0.00065430321528027338], "se");
        Close(r.RSquared, 0.75863106512830925, "r2");
    }

    [Test]
    public void Regression_NearlyCollinearPredictors_MatchesR()
    {
        // R: summary(lm(y ~ a + b, data = illconditioned))   (b = a + 1e-6 noise)
        var r = Run<RegressionResult>(new RegressionSpec("y", ["a", "b"]), Load("illconditioned.csv"));

        Close([.. r.Coefficients.Select(c => c.Estimate)], [13.820792392672965, -343779.18071431579, 343781.41763085371], "estimate");
        Close([.. r.Coefficients.Select(c => c.StdError)], [5.4395720497438331, 1418620.3656093513, 1418620.3770784475], "se");
        Close(r.ResidualStdError, 8.4599644692576472, "sigma");
    }

    [Test]
    public void Regression_RankDeficient_IsAnErrorNamingTheAliasedPredictor()
    {
        // R: coef(lm(y ~ x1 + x2 + x4, data = d))["x4"] is NA: x4 = x1 + x2.
        var error = RunError(new RegressionSpec("y", ["x1", "x2", "x4"]), Load("generated.csv"));

        Assert.That(error.Error, Does.StartWith("The design matrix is singular: predictor 'x4' is a linear combination of the predictors before it and the intercept"));
    }

    [Test]
    public void Regression_ConstantPredictor_IsAnError() =>
        Assert.That(RunError(new RegressionSpec("y", ["x1", "k"]), Load("generated.csv")).Error, Does.Contain("predictor 'k' is constant"));

    [Test]
    public void Regression_FewerRowsThanParameters_IsAnError()
    {
        var data = new Dataset([new NumericColumn("y", [1, 2, 3]), new NumericColumn("a", [1, 5, 2]), new NumericColumn("b", [3, 1, 4])]);

        Assert.That(RunError(new RegressionSpec("y", ["a", "b"]), data).Error,
            Is.EqualTo("3 complete rows for 3 parameters: a regression needs more rows than parameters to estimate its errors."));
    }

    [Test]
    public void ChiSquare_TwoByTwo_WithYates_MatchesR()
    {
        // R: chisq.test(table(mtcars$am, mtcars$vs))
        var r = Run<ChiSquareResult>(new ChiSquareSpec("am", "vs", true), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 0.34753550543024225, "X2");
            Assert.That(r.Df, Is.EqualTo(1));
            Close(r.PValue, 0.55551154701314953, "p");
            Assert.That((r.RowLevels, r.ColumnLevels), Is.EqualTo((new[] { "0", "1" }, new[] { "0", "1" })));
            Assert.That(r.Observed, Is.EqualTo(new[] { new long[] { 12, 7 }, [6, 7] }));
            Close([.. r.Expected.SelectMany(x => x)], [10.6875, 8.3125, 7.3125, 5.6875], "expected (row by row)");
            Assert.That(r.Warnings, Is.Null);
        });
    }

    [Test]
    public void ChiSquare_TwoByTwo_WithoutCorrection_MatchesR()
    {
        // R: chisq.test(table(mtcars$am, mtcars$vs), correct = FALSE)
        var r = Run<ChiSquareResult>(new ChiSquareSpec("am", "vs", false), Load("mtcars.csv"));

        Close(r.Statistic, 0.90688259109311742, "X2");
        Close(r.PValue, 0.34094291427438084, "p");
    }

    [Test]
    public void ChiSquare_ThreeByThree_MatchesRAndWarnsOfSmallCounts()
    {
        // R: chisq.test(table(mtcars$cyl, mtcars$gear))  (R warns: approximation may be incorrect)
        var r = Run<ChiSquareResult>(new ChiSquareSpec("cyl", "gear", true), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 18.036363636363635, "X2");
            Assert.That(r.Df, Is.EqualTo(4));
            Close(r.PValue, 0.0012140660337851576, "p");
            Assert.That(r.Observed, Is.EqualTo(new[] { new long[] { 1, 8, 2 }, [2, 4, 1], [12, 0, 2] }));
            Assert.That(r.Warnings, Has.Count.EqualTo(1).And.Some.StartsWith("Chi-squared approximation may be incorrect"));
        });
    }

    [Test]
    public void Pearson_FourColumns_MatchesR()
    {
        // R: cor(mtcars[, c("mpg","wt","hp","qsec")]); cor.test(x, y)$p.value for each pair
        var r = Run<CorrelationResult>(new CorrelationSpec(["mpg", "wt", "hp", "qsec"], CorrelationMethod.Pearson), Load("mtcars.csv"));
        double[] expectedR = [1, -0.8676593765172278, -0.77616837182658649, 0.41868403392177828, -0.8676593765172278, 1, 0.65874788734475909, -0.17471587871340485, -0.77616837182658649, 0.65874788734475909, 1, -0.70822338886195335, 0.41868403392177828, -0.17471587871340485, -0.70822338886195335, 1];
        double[] expectedP = [0, 1.2939587013505163e-10, 1.7878352541210553e-07, 0.017081988496519603, 1.2939587013505163e-10, 0, 4.1458274410753386e-05, 0.33886828413491643, 1.7878352541210553e-07, 4.1458274410753386e-05, 0, 5.7662534558147572e-06, 0.017081988496519603, 0.33886828413491643, 5.7662534558147572e-06, 0];

        Assert.Multiple(() =>
        {
            Close([.. r.Matrix.SelectMany(x => x)], expectedR, "r");
            Close([.. r.PValues.SelectMany(x => x)], expectedP, "p");
            Assert.That(r.N, Is.EqualTo(32));
        });
    }

    [Test]
    public void Pearson_ListwiseOverMissing_MatchesR()
    {
        // R: cor(d[, c("y","x1","x2","x3")], use = "complete.obs")  (56 complete rows)
        var r = Run<CorrelationResult>(new CorrelationSpec(["y", "x1", "x2", "x3"], CorrelationMethod.Pearson), Load("generated.csv"));

        Assert.That(r.N, Is.EqualTo(56));
        Close([.. r.Matrix.SelectMany(x => x)], [1, 0.87494911427000055, -0.16898601853961007, 0.5291110378816114, 0.87494911427000055, 1, 0.10138149043389549, 0.26479163851548626, -0.16898601853961007, 0.10138149043389549, 1, 0.054724457376982706, 0.5291110378816114, 0.26479163851548626, 0.054724457376982706, 1], "r");
    }

    [Test]
    public void Pearson_TinyPValue_KeepsItsDigits()
    {
        // R: cor.test(strong$u, strong$v)
        var r = Run<CorrelationResult>(new CorrelationSpec(["u", "v"], CorrelationMethod.Pearson), Load("strong.csv"));

        Close(r.Matrix[0][1], 0.76428018944599796, "r");
        Close(r.PValues[0][1], 7.7887553634649354e-78, "p");
    }

    [Test]
    public void Spearman_WithTies_UsesTheTApproximation_MatchesR()
    {
        // R: cor.test(mtcars$mpg, mtcars$hp, method = "spearman")  (ties: "Cannot compute exact p-value")
        var r = Run<CorrelationResult>(new CorrelationSpec(["mpg", "hp"], CorrelationMethod.Spearman), Load("mtcars.csv"));

        Close(r.Matrix[0][1], -0.89466464574996252, "rho");
        Close(r.PValues[0][1], 5.0859694309245204e-12, "p");
    }

    [Test]
    public void Spearman_NoTies_UsesAs89Edgeworth_MatchesR()
    {
        // R: cor.test(d$y, d$x3, method = "spearman")  (58 complete rows, no ties)
        var r = Run<CorrelationResult>(new CorrelationSpec(["y", "x3"], CorrelationMethod.Spearman), Load("generated.csv"));

        Assert.That(r.N, Is.EqualTo(58));
        Close(r.Matrix[0][1], 0.54818665600295313, "rho");
        Close(r.PValues[0][1], 1.1889933012392932e-05, "p");
    }

    [Test]
    public void Spearman_SevenRows_IsExact_MatchesR()
    {
        // R: cor.test(tiny$a, tiny$b, method = "spearman")  (n = 7: exact by enumeration)
        var r = Run<CorrelationResult>(new CorrelationSpec(["a", "b"], CorrelationMethod.Spearman), Load("tiny.csv"));

        Close(r.Matrix[0][1], 0.85714285714285687, "rho");
        Close(r.PValues[0][1], 0.023809523809523808, "p");
    }

    // R: set.seed(3); for (n in 8:10) { a <- sample(n); b <- sample(n); cor.test(a, b, method = "spearman")$p.value }
    [TestCase(new double[] { 5, 2, 4, 6, 7, 3, 1, 8 }, new double[] { 4, 2, 5, 7, 1, 8, 3, 6 }, 0.75203373015873021)]
    [TestCase(new double[] { 5, 1, 8, 6, 2, 4, 7, 9, 3 }, new double[] { 6, 4, 3, 9, 2, 7, 1, 8, 5 }, 0.58094135802469138)]
    [TestCase(new double[] { 5, 7, 6, 2, 4, 1, 3, 9, 8, 10 }, new double[] { 10, 7, 2, 1, 9, 6, 5, 4, 8, 3 }, 0.94570980835198926)]
    public void Spearman_ExactUpToNineRows_EdgeworthFromTen_MatchesR(double[] a, double[] b, double expectedP)
    {
        var data = new Dataset([new NumericColumn("a", a), new NumericColumn("b", b)]);

        var r = Run<CorrelationResult>(new CorrelationSpec(["a", "b"], CorrelationMethod.Spearman), data);

        Close(r.PValues[0][1], expectedP, $"p (n = {a.Length})");
    }

    [Test]
    public void Correlation_ConstantColumn_GivesNullsWithAWarning()
    {
        var r = Run<CorrelationResult>(new CorrelationSpec(["x1", "k"], CorrelationMethod.Pearson), Load("generated.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(double.IsNaN(r.Matrix[0][1]) && double.IsNaN(r.PValues[0][1]) && double.IsNaN(r.Matrix[1][1]), Is.True);
            Assert.That(r.Matrix[0][0], Is.EqualTo(1));
            Assert.That(r.Warnings, Is.EqualTo(new[] { "Column 'k' is constant in the rows used: its correlations are null." }));
        });
    }
}
