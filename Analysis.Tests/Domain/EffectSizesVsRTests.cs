using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #21: effect sizes with intervals against the R package effectsize 0.8.3 (computed once with R 4.2.2 and
/// options(digits = 17); effectsize is not installed in CI). effectsize finds each interval's noncentrality with optim
/// (abstol 1e-9); ours are exact roots, so they agree to 1e-6 relative.
/// </summary>
public sealed class EffectSizesVsRTests
{
    private static void Same(EffectSize actual, string name, double estimate, double low, double high, double level, string alternative)
    {
        Assert.That((actual.Name, actual.ConfidenceLevel, actual.Alternative), Is.EqualTo((name, level, alternative)));
        Close(actual.Estimate, estimate, $"{name} estimate");
        Close([actual.ConfidenceInterval[0], actual.ConfidenceInterval[1]], [low, high], $"{name} interval");
    }

    [Test]
    public void TwoSample_CohensD_AndHedgesG_WithTheirIntervals()
    {
        // R: cohens_d(mpg ~ am, data = mtcars); hedges_g(mpg ~ am, data = mtcars); cohens_d(mpg ~ am, data = mtcars, ci = 0.9)
        // (the pooled SD whether the test is Welch's or Student's, as effectsize's default pooled_sd = TRUE)
        var welch = Run<TTestResult>(new TwoSampleTTestSpec("mpg", "am", null, false, 0.95), Load("mtcars.csv"));
        var ninety = Run<TTestResult>(new TwoSampleTTestSpec("mpg", "am", null, true, 0.9), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Same(welch.EffectSizes![0], "Cohen's d", -1.4779470958015888, -2.2659730987159858, -0.67056860470045221, 0.95, "two.sided");
            Same(welch.EffectSizes[1], "Hedges' g", -1.4406354024018546, -2.2087671988894559, -0.65363968332488653, 0.95, "two.sided");
            Same(ninety.EffectSizes![0], "Cohen's d", -1.4779470958015888, -2.1366973709257699, -0.79777876192587938, 0.9, "two.sided");
        });
    }

    [Test]
    public void OneSample_AndPaired()
    {
        // R: cohens_d(extra ~ 1, data = sleep, mu = 0.5); hedges_g(extra ~ 1, data = sleep, mu = 0.5);
        // w <- data.frame(g1 = sleep$extra[1:10], g2 = sleep$extra[11:20]); cohens_d(w$g1, w$g2, paired = TRUE);
        // hedges_g(w$g1, w$g2, paired = TRUE)
        var one = Run<TTestResult>(new OneSampleTTestSpec("extra", 0.5, 0.95), Load("sleep.csv"));
        var paired = Run<TTestResult>(new PairedTTestSpec("g1", "g2", 0.95), Load("sleep_wide.csv"));

        Assert.Multiple(() =>
        {
            // effectsize's lower bound, 0.041942189145265825, is optim's, 4e-6 from the root: R's
            // uniroot(function(n) pt(t, 19, ncp = n) - 0.975, c(-10, 10), tol = 1e-14)$root / sqrt(20), with
            // t <- (mean(sleep$extra) - 0.5) / (sd(sleep$extra) / sqrt(20)), is 0.041942347784269245, as ours.
            Same(one.EffectSizes![0], "Cohen's d", 0.51538224698839352, 0.041942347784269245, 0.97695279558244053, 0.95, "two.sided");
            // Hedges' g's lower bound is that root times J (R: J <- exp(lgamma(19 / 2) - log(sqrt(19 / 2)) - lgamma(18 / 2))),
            // where effectsize gives 0.040260741584847902.
            Same(one.EffectSizes[1], "Hedges' g", 0.49472075459752346, 0.040260893864069662, 0.93778710279787625, 0.95, "two.sided");
            Same(paired.EffectSizes![0], "Cohen's d", -1.2845575625910546, -2.1180165952232968, -0.41462766205538737, 0.95, "two.sided");
            Same(paired.EffectSizes[1], "Hedges' g", -1.173924903514205, -1.935602186774521, -0.37891780979506617, 0.95, "two.sided");
        });
    }

    [Test]
    public void Anova_Eta2_Omega2_Epsilon2_OneSided()
    {
        // R: m <- aov(mpg ~ factor(cyl), data = mtcars); eta_squared(m); omega_squared(m); epsilon_squared(m);
        // m <- aov(count ~ spray, data = InsectSprays); eta_squared(m); omega_squared(m) (alternative "greater": [low, 1])
        var cars = Run<AnovaResult>(new AnovaSpec("mpg", "cyl"), Load("mtcars.csv"));
        var sprays = Run<AnovaResult>(new AnovaSpec("count", "spray"), Load("insectsprays.csv"));

        Assert.Multiple(() =>
        {
            Same(cars.EffectSizes![0], "Eta2", 0.73246005962552307, 0.57476220854067572, 1, 0.95, "greater");
            Same(cars.EffectSizes[1], "Omega2", 0.70748214201040494, 0.53773839480210217, 1, 0.95, "greater");
            Same(cars.EffectSizes[2], "Epsilon2", 0.71400902925486953, 0.54734820342134505, 1, 0.95, "greater");
            Same(sprays.EffectSizes![0], "Eta2", 0.724439015562794, 0.62366392199988219, 1, 0.95, "greater");
            Same(sprays.EffectSizes[1], "Omega2", 0.70063790355335143, 0.59186342557529592, 1, 0.95, "greater");
        });
    }

    [Test]
    public void RankBiserial_OfBothRankTests_WithEffectsizesInterval()
    {
        // R: rank_biserial(mpg ~ am, data = mtcars); rank_biserial(mtcars$mpg, mu = 20) (Fisher's z of r)
        var two = Run<MannWhitneyResult>(new MannWhitneySpec("mpg", "am", null, null, true), Load("mtcars.csv"));
        var one = Run<WilcoxonResult>(new WilcoxonSpec(null, "mpg", 20, null, true), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Same(two.EffectSizes![0], "r (rank biserial)", -0.65991902834008087, -0.83556160214533992, -0.36188693194590221, 0.95, "two.sided");
            Same(one.EffectSizes![0], "r (rank biserial)", -0.056818181818181823, -0.42511015274539277, 0.32761494710513989, 0.95, "two.sided");
        });
    }

    [Test]
    public void PearsonInterval_AndOddsRatios_AsBaseR()
    {
        // R: cor.test(mtcars$mpg, mtcars$wt)$conf.int; g <- glm(am ~ wt, family = binomial, data = mtcars);
        // exp(coef(g)); exp(confint.default(g))
        var r = Run<CorrelationResult>(new CorrelationSpec(["mpg", "wt"], CorrelationMethod.Pearson), Load("mtcars.csv"));
        var g = Run<LogisticResult>(new LogisticSpec("am", ["wt"]), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.ConfidenceIntervals![0][1], [-0.93382641328499416, -0.74408719646011279], "r's interval");
            Assert.That(r.ConfidenceIntervals[0][0].All(double.IsNaN), "none on the diagonal");
            Close([.. g.Coefficients.Select(c => c.OddsRatio)], [1.6945957113291192e+05, 1.7881834026146126e-02], "odds ratios");
            Close(g.Coefficients[0].OddsRatioInterval, [24.5695559322155112625, 1.1687857252192888e+09], "intercept's interval");
            Close(g.Coefficients[1].OddsRatioInterval, [0.0010708600755957533, 2.9860109217419895e-01], "wt's interval");
        });
    }
}

/// <summary>Issue #21: the effect sizes of the chi-square and Kruskal–Wallis tests against effectsize 0.8.3.</summary>
public sealed class TableEffectSizesVsRTests
{
    [Test]
    public void CramersV_AndPhi_Adjusted_WithOneSidedIntervals()
    {
        // R: cramers_v(table(mtcars$cyl, mtcars$gear)): 0.4819630704254409 [0.070506633112939865, 1];
        // cramers_v(table(mtcars$am, mtcars$vs)) and phi(...): 0 [0, 1] (Yates-corrected statistic, adjusted to 0)
        var big = Run<ChiSquareResult>(new ChiSquareSpec("cyl", "gear", true), Load("mtcars.csv"));
        var two = Run<ChiSquareResult>(new ChiSquareSpec("am", "vs", true), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(big.EffectSizes!.Select(e => (e.Name, e.Alternative)), Is.EqualTo(new[] { ("Cramer's V", "greater") }));
            Close(big.EffectSizes![0].Estimate, 0.4819630704254409, "V");
            // effectsize's lower bound is optim's, 1e-5 from the root: R's uniroot(function(v) pchisq(chi, 4, ncp = v) - 0.95,
            // c(0, 100), tol = 1e-14)$root (chi from chisq.test(t)) is 4.4266675472407071, which gives 0.07050729803133797.
            Close([big.EffectSizes[0].ConfidenceInterval[0], big.EffectSizes[0].ConfidenceInterval[1]], [0.07050729803133797, 1], "V's interval");
            Assert.That(two.EffectSizes!.Select(e => (e.Name, e.Estimate, e.ConfidenceInterval[0], e.ConfidenceInterval[1])),
                Is.EqualTo(new[] { ("Cramer's V", 0.0, 0.0, 1.0), ("phi", 0.0, 0.0, 1.0) }));
        });
    }

    [Test]
    public void RankEpsilonSquared_WithoutAnInterval()
    {
        // R: rank_epsilon_squared(mpg ~ cyl, data = mtcars): 0.8305211488823161 (its interval needs the package boot and is random)
        var r = Run<KruskalResult>(new KruskalSpec("mpg", "cyl"), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(r.EffectSizes!.Single().Estimate, 0.8305211488823161, "rank epsilon squared");
            Assert.That(r.EffectSizes![0].ConfidenceInterval.All(double.IsNaN));
            Assert.That(r.Warnings, Has.One.Contains("bootstrap"));
        });
    }
}

/// <summary>Issue #21: a regression's standardized coefficients against effectsize 0.8.3's standardize_parameters.</summary>
public sealed class StandardizedCoefficientsVsRTests
{
    [Test]
    public void Numeric_Categorical_AndWeighted_AsEffectsizesRefit()
    {
        // R: standardize_parameters(lm(mpg ~ wt + hp, data = mtcars)); standardize_parameters(lm(count ~ spray, data = InsectSprays));
        // standardize_parameters(lm(mpg ~ wt + hp, data = mtcars, weights = cyl)) (weighted SDs over sum(w) - 1)
        var numeric = Run<RegressionResult>(new RegressionSpec("mpg", ["wt", "hp"]), Load("mtcars.csv"));
        var sprays = Run<RegressionResult>(new RegressionSpec("count", ["spray"]), Load("insectsprays.csv"));
        var weighted = Run<RegressionResult>(new RegressionSpec("mpg", ["wt", "hp"], "cyl"), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(numeric.Coefficients[0].StandardizedEstimate, Is.EqualTo(0).Within(1e-15), "the intercept (R: 3.8e-17, rounding)");
            Close([.. numeric.Coefficients.Skip(1).Select(c => c.StandardizedEstimate)], [-6.2955451412011365e-01, -3.6145066568160528e-01], "wt, hp");
            Close([.. sprays.Coefficients.Select(c => c.StandardizedEstimate)],
                [0.69412768744030728, 0.11568794790671555, -1.72375042381009957, -1.33041140092725185, -1.52708091236867260, 0.30078866455746489], "spray");
            Close([.. weighted.Coefficients.Skip(1).Select(c => c.StandardizedEstimate)], [-6.2384420436574550e-01, -3.7489169825996072e-01], "weighted");
        });
    }
}
