using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #11 against R 4.2.2: the new analysis types, the effect sizes on the old ones, and the fixes an outside
/// comparison found. Every expected value is printed by scripts/r-reference.R (the R call beside it).
/// </summary>
public sealed class NextToolsVsRTests
{
    [Test]
    public void CohensD_OnEveryTTest_AndEtaSquared_OnAnova_MatchR()
    {
        // R: (mean(x) - mean(y)) / sqrt(((nx - 1) var(x) + (ny - 1) var(y)) / (nx + ny - 2)) for sleep's two groups;
        // mean(d) / sd(d) for the pairs; (mean(mtcars$mpg) - 20) / sd(mtcars$mpg);
        // anova(lm(mpg ~ factor(cyl), mtcars)): Sum Sq[1] / sum(Sum Sq).
        var welch = Run<TTestResult>(new TwoSampleTTestSpec("extra", "group", null, false, 0.95), Load("sleep.csv"));
        var student = Run<TTestResult>(new TwoSampleTTestSpec("extra", "group", null, true, 0.95), Load("sleep.csv"));
        var paired = Run<TTestResult>(new PairedTTestSpec("g1", "g2", 0.95), Load("sleep_wide.csv"));
        var one = Run<TTestResult>(new OneSampleTTestSpec("mpg", 20, 0.95), Load("mtcars.csv"));
        var anova = Run<AnovaResult>(new AnovaSpec("mpg", "cyl"), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Close(welch.CohensD, -0.83218108134953961, "two-sample d (Welch: the pooled SD still)");
            Close(student.CohensD, -0.83218108134953961, "two-sample d (Student)");
            Close(paired.CohensD, -1.2845575625910546, "paired d");
            Close(one.CohensD, 0.015036632009560163, "one-sample d");
            Close(anova.EtaSquared, 0.73246005962552307, "eta squared");
        });
    }

    [TestCase("mtcars.csv", "mpg", "cyl", LeveneCenter.Median, 5.5070648619776463, 2, 29, 0.0093902471051104993)]
    [TestCase("mtcars.csv", "mpg", "cyl", LeveneCenter.Mean, 6.4842655997095244, 2, 29, 0.0047030143280451736)]
    [TestCase("insectsprays.csv", "count", "spray", LeveneCenter.Median, 3.8213563132259267, 5, 66, 0.0042227911389921156)]
    public void Levene_MatchesR(string file, string column, string groupBy, LeveneCenter center, double f, int df1, int df2, double p)
    {
        // R: oneway.test(abs(x - ave(x, g, FUN = median or mean)) ~ g, var.equal = TRUE)
        var r = Run<LeveneResult>(new LeveneSpec(column, groupBy, center), Load(file));

        Assert.Multiple(() =>
        {
            Close(r.FStatistic, f, "F");
            Assert.That((r.DfBetween, r.DfWithin), Is.EqualTo((df1, df2)));
            Close(r.PValue, p, "p");
            Assert.That(r.Center, Is.EqualTo(center == LeveneCenter.Median ? "median" : "mean"));
            Assert.That(r.Highlight, Does.StartWith($"levene {column} by {groupBy}: F = "));
        });
    }

    [Test]
    public void Spearman_AtN1290_UsesTheExactEdgeworthPValue_AsR()
    {
        // R: i <- 1:1290; x <- (i * 7919) %% 1291; y <- (i * 104729) %% 1297 + 0.05 * x; cor.test(x, y, method = "spearman")
        // (the t approximation would give 0.023212342662215706)
        var x = new double[1290];
        var y = new double[1290];
        for (var i = 1; i <= 1290; i++)
        {
            x[i - 1] = (i * 7919L) % 1291;
            y[i - 1] = ((i * 104729L) % 1297) + (0.05 * x[i - 1]);
        }

        var r = Run<CorrelationResult>(new CorrelationSpec(["x", "y"], CorrelationMethod.Spearman), new Dataset([new NumericColumn("x", x), new NumericColumn("y", y)]));

        Assert.Multiple(() =>
        {
            Close(r.Matrix[0][1], 0.063197925514745693, "rho");
            Close(r.PValues[0][1], 0.023226210343600014, "p");
        });
    }

    [Test]
    public void Spearman_WithTies_SaysTheExactPValueCannotBeComputed_AsRWarns()
    {
        // R: cor.test(c(1, 2, 2, 3, 4, 5), c(2, 1, 4, 3, 6, 5), method = "spearman") warns "Cannot compute exact p-value with ties"
        // and gives p = 0.083523281373259803 (the t approximation).
        var data = new Dataset([new NumericColumn("a", [1, 2, 2, 3, 4, 5]), new NumericColumn("b", [2, 1, 4, 3, 6, 5])]);
        var r = Run<CorrelationResult>(new CorrelationSpec(["a", "b"], CorrelationMethod.Spearman), data);

        Assert.Multiple(() =>
        {
            Close(r.PValues[0][1], 0.083523281373259803, "p");
            Assert.That(r.Warnings, Has.One.Contains("'a'").And.Contains("exact p-value cannot be computed with ties"));
        });
    }

    // JavaScript: String(x) for each
    [TestCase(4, "4")]
    [TestCase(0.5, "0.5")]
    [TestCase(0.00001, "0.00001")]
    [TestCase(0.000001, "0.000001")]
    [TestCase(2.5e-7, "2.5e-7")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(1e21, "1e+21")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(123456789012345680000.0, "123456789012345680000")]
    [TestCase(-1.5e-10, "-1.5e-10")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(-0.0, "0")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(1234.5, "1234.5")]
    public void NumericLevelNames_AreWrittenAsJavaScriptWritesNumbers(double value, string expected) =>
        Assert.That(Grouping.LevelName(value), Is.EqualTo(expected));

    [Test]
    public void Regression_WithAPredictorCollinearWithTheInterceptAtDoublePrecision_SaysSoAsRDoes()
    {
        // R: x <- 1e15 + 0:7; coef(lm(y ~ x)) gives NA for x (its QR finds nothing left of x after the intercept);
        // with x2 <- 1e6 + 0:7 it estimates 0.92857142852213681.
        var y = new double[] { 1, 3, 2, 5, 4, 6, 8, 7 };
        var data = new Dataset([
            new NumericColumn("y", y),
            new NumericColumn("x", [.. Enumerable.Range(0, 8).Select(i => 1e15 + i)]),
            new NumericColumn("x2", [.. Enumerable.Range(0, 8).Select(i => 1e6 + i)]),
        ]);

        var collinear = RunError(new RegressionSpec("y", ["x"]), data);
        var fine = Run<RegressionResult>(new RegressionSpec("y", ["x2"]), data);

        Assert.Multiple(() =>
        {
            Assert.That(collinear.Error, Does.Contain("predictor 'x' is a linear combination").And.Contain("double precision"));
            Close(fine.Coefficients[1].Estimate, 0.92857142852213681, "slope of x2");
        });
    }

    [Test]
    public void MannWhitney_NormalWithTies_NumericGroups_AndExact_MatchR()
    {
        // R: wilcox.test(extra ~ group, sleep) (ties: normal, corrected); wilcox.test(mpg ~ am, mtcars, correct = FALSE);
        // wilcox.test(v ~ g) for tiny.csv's a and b stacked (no ties, 7 and 7: exact); tapply(mtcars$mpg, mtcars$am, median)
        var sleep = Run<MannWhitneyResult>(new MannWhitneySpec("extra", "group", null, null, true), Load("sleep.csv"));
        var cars = Run<MannWhitneyResult>(new MannWhitneySpec("mpg", "am", null, null, false), Load("mtcars.csv"));
        var tiny = Load("tiny.csv");
        var stacked = new Dataset([
            new NumericColumn("v", [.. ((NumericColumn)tiny.Find("a")!).Values, .. ((NumericColumn)tiny.Find("b")!).Values]),
            new CategoricalColumn("g", [.. Enumerable.Repeat(0, 7), .. Enumerable.Repeat(1, 7)], ["a", "b"]),
        ]);
        var exact = Run<MannWhitneyResult>(new MannWhitneySpec("v", "g", null, null, true), stacked);

        Assert.Multiple(() =>
        {
            Assert.That((sleep.Kind, sleep.Statistic), Is.EqualTo(("normal", 25.5)));
            Close(sleep.PValue, 0.069327575433626581, "sleep p");
            Close(sleep.RankBiserial, (2 * 25.5 / 100) - 1, "rank-biserial");
            Assert.That(sleep.Warnings, Has.One.Contains("cannot be computed with ties"));
            Assert.That((cars.Kind, cars.Statistic), Is.EqualTo(("normal", 42.0)));
            Close(cars.PValue, 0.0017533351106512672, "mtcars p");
            Assert.That(cars.Groups.Select(g => (g.Name, g.N, g.Median)), Is.EqualTo(new[] { ("0", 19, 17.3), ("1", 13, 22.8) }));
            Assert.That((exact.Kind, exact.Statistic), Is.EqualTo(("exact", 27.0)));
            Close(exact.PValue, 0.80477855477855487, "exact p");
            Assert.That(exact.Warnings, Is.Null);
            Assert.That(sleep.Highlight, Is.EqualTo("mannwhitney extra by group: W = 25.5, p = 0.0693 (normal)"));
        });
    }

    [Test]
    public void Wilcoxon_PairedWithZerosAndTies_Exact_AndAgainstMu_MatchR()
    {
        // R: wilcox.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE) (one zero difference, ties: normal);
        // wilcox.test(tiny$a, tiny$b, paired = TRUE) (exact); wilcox.test(mtcars$mpg, mu = 20, exact = FALSE, correct = FALSE)
        var sleep = Run<WilcoxonResult>(new WilcoxonSpec(["g1", "g2"], null, 0, null, true), Load("sleep_wide.csv"));
        var exact = Run<WilcoxonResult>(new WilcoxonSpec(["a", "b"], null, 0, null, true), Load("tiny.csv"));
        var mu = Run<WilcoxonResult>(new WilcoxonSpec(null, "mpg", 20, false, false), Load("mtcars.csv"));

        Assert.Multiple(() =>
        {
            Assert.That((sleep.Kind, sleep.Statistic, sleep.N, sleep.Zeros), Is.EqualTo(("normal", 0.0, 10, 1)));
            Close(sleep.PValue, 0.0090906980159250559, "sleep p");
            Assert.That(sleep.Warnings, Has.Some.Contains("ties and zeros").And.Some.Contains("1 difference is zero"));
            Assert.That((exact.Kind, exact.Statistic, exact.Zeros), Is.EqualTo(("exact", 19.0, 0)));
            Close(exact.PValue, 0.46875000000000011, "exact p");
            Assert.That((mu.Kind, mu.Statistic, mu.Mu), Is.EqualTo(("normal", 249.0, (double?)20)));
            Close(mu.PValue, 0.77907320367749855, "mu p");
            Assert.That(mu.Warnings, Is.Null, "the normal approximation was asked for");
        });
    }

    [Test]
    public void Kruskal_UnequalGroups_WithMissingValues_MatchR()
    {
        // R: kruskal.test(count ~ spray, InsectSprays); kruskal.test(Ozone ~ Month, airquality) (37 rows without Ozone
        // dropped); tapply(rank(aq$Ozone), aq$Month, mean) over the complete rows
        var sprays = Run<KruskalResult>(new KruskalSpec("count", "spray"), Load("insectsprays.csv"));
        var ozone = Run<KruskalResult>(new KruskalSpec("Ozone", "Month"), Load("airquality.csv"));

        Assert.Multiple(() =>
        {
            Close(sprays.Statistic, 54.691344622371446, "sprays H");
            Assert.That(sprays.Df, Is.EqualTo(5));
            Close(sprays.PValue, 1.5108444394185103e-10, "sprays p");
            Close(ozone.Statistic, 29.266576306116939, "ozone H");
            Close(ozone.PValue, 6.9007141185467839e-06, "ozone p");
            Assert.That(ozone.N, Is.EqualTo(116));
            Assert.That(ozone.Groups.Select(g => g.Name), Is.EqualTo(new[] { "5", "6", "7", "8", "9" }));
            Close([.. ozone.Groups.Select(g => g.MeanRank)], [36.692307692307693, 48.722222222222221, 77.90384615384616, 75.230769230769226, 48.689655172413794], "mean ranks");
        });
    }

    [Test]
    public void Logistic_NumericPredictors_AndATextOutcome_MatchR()
    {
        // R: summary(glm(factor(am) ~ wt + hp, family = binomial, data = mc)) — am "auto"/"manual": the event is "manual"
        var r = Run<LogisticResult>(new LogisticSpec("am", ["wt", "hp"]), Load("mtcars_text.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Event, Is.EqualTo("manual"));
            Assert.That(r.Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "wt", "hp" }));
            Close([.. r.Coefficients.Select(c => c.Estimate)], [18.866298717204096, -8.0834751824446283, 0.036255596082216547], "estimates");
            Close([.. r.Coefficients.Select(c => c.StdError)], [7.443558060205274, 3.0686751130546961, 0.017734153650769347], "se");
            Close([.. r.Coefficients.Select(c => c.ZStatistic)], [2.5345807159169, -2.6341906147236216, 2.0443939302760974], "z");
            Close([.. r.Coefficients.Select(c => c.PValue)], [0.011258198716613689, 0.0084338125997070225, 0.040914646459029938], "p");
            Close([r.Deviance, r.NullDeviance, r.Aic], [10.059110472266989, 43.229733276857807, 16.059110472266987], "deviance, null deviance, AIC");
            Assert.That((r.DfResidual, r.DfNull, r.N), Is.EqualTo((29, 31, 32)));
            Assert.That(r.Warnings, Is.Null);
        });
    }

    [Test]
    public void Logistic_WithACategoricalPredictor_UsesTreatmentCodingAndRsTermNames()
    {
        // R: summary(glm(vs ~ mpg + gear, family = binomial, data = mc)) — gear "five" (the reference), "four", "three"
        var r = Run<LogisticResult>(new LogisticSpec("vs", ["mpg", "gear"]), Load("mtcars_text.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Event, Is.EqualTo("1"));
            Assert.That(r.Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "mpg", "gearfour", "gearthree" }));
            Close([.. r.Coefficients.Select(c => c.Estimate)], [-19.288227748682878, 0.68358887214080677, 6.2046417863166159, 5.8157061388299507], "estimates");
            Close([.. r.Coefficients.Select(c => c.StdError)], [8.3885079285102098, 0.29119718386297722, 3.0471946864650294, 3.4253432054842028], "se");
            Close([.. r.Coefficients.Select(c => c.PValue)], [0.021484314895278515, 0.018899266339610126, 0.04173212207430347, 0.089536782914792182], "p");
            Close([r.Deviance, r.NullDeviance, r.Aic], [18.202641906310095, 43.860109265693325, 26.202641906310095], "deviance, null deviance, AIC");
        });
    }

    [Test]
    public void Logistic_QuasiSeparation_GivesRsNumbersWithAWarning_CompleteSeparation_IsAnError()
    {
        // R: glm(y ~ x, binomial) for x = c(1, 2, 3, 4, 4, 5, 6, 7), y = c(0, 0, 0, 0, 1, 1, 1, 1) warns "glm.fit: fitted
        // probabilities numerically 0 or 1 occurred": estimates -81.073817875775674, 20.268454468943915; se
        // 43215.213578333976, 10803.803388798493; deviance 2.7725887285432873, AIC 6.7725887285432869.
        // With x = 1:8 the outcomes are separated completely (R: the same warning and estimates that grow without bound).
        var quasi = Run<LogisticResult>(new LogisticSpec("y", ["x"]), Load("quasiseparated.csv"));
        var complete = RunError(
            new LogisticSpec("y", ["x"]),
            new Dataset([new NumericColumn("y", [0, 0, 0, 0, 1, 1, 1, 1]), new NumericColumn("x", [1, 2, 3, 4, 5, 6, 7, 8])]));

        Assert.Multiple(() =>
        {
            Close([.. quasi.Coefficients.Select(c => c.Estimate)], [-81.073817875775674, 20.268454468943915], "estimates");
            Close([.. quasi.Coefficients.Select(c => c.StdError)], [43215.213578333976, 10803.803388798493], "se");
            Close([quasi.Deviance, quasi.Aic], [2.7725887285432873, 6.7725887285432869], "deviance, AIC");
            Assert.That(quasi.Warnings, Has.One.StartsWith("Quasi-complete separation"));
            Assert.That(complete.Error, Does.Contain("separate the outcomes completely"));
        });
    }

    [Test]
    public void Regression_WithACategoricalPredictor_MatchesR()
    {
        // R: summary(lm(mpg ~ wt + gear, data = mc)) — terms gearfour, gearthree against "five"
        var r = Run<RegressionResult>(new RegressionSpec("mpg", ["wt", "gear"]), Load("mtcars_text.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(r.Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "wt", "gearfour", "gearthree" }));
            Close([.. r.Coefficients.Select(c => c.Estimate)], [34.303549559645191, -4.9090441235452396, 3.0751158969648413, 0.91206226233366494], "estimates");
            Close([.. r.Coefficients.Select(c => c.StdError)], [2.281556684660023, 0.71123335574115776, 1.5517601958824099, 1.7519378390948126], "se");
            Close([r.RSquared, r.FStatistic], [0.78868524484289859, 34.834587294804976], "R², F");
        });
    }

    [Test]
    public void ValuesWhoseSquaresOverflow_GetTheirStatistics_NotNulls()
    {
        // R gives Inf or NA here (sd(x) is Inf for x around 1e200). Expected values: R on the same data divided by 1e200,
        // scaled back — a <- x / 1e200; b <- y / 1e200: mean(a), sd(a); t.test(a, b); cor(a, b); summary(lm(b ~ a));
        // and mean(c(1.7e308, 1.6e308, 1.5e308)) = 1.6e308, which R's long double sum gives.
        double[] a = [1, 2, 3, 5, 4, 6, 8, 7, 9, 12];
        double[] b = [2, 1, 4, 3, 6, 5, 7, 9, 8, 10];
        var data = new Dataset([
            new NumericColumn("x", [.. a.Select(v => v * 1e200)]),
            new NumericColumn("y", [.. b.Select(v => v * 1e200)]),
            new NumericColumn("huge", [1.7e308, 1.6e308, 1.5e308, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]),
        ]);
        var stacked = new Dataset([
            new NumericColumn("v", [.. a.Concat(b).Select(v => v * 1e200)]),
            new NumericColumn("g", [.. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(2.0, 10)]),
        ]);

        var described = Run<Analysis.Domain.Analyses.Descriptive.DescriptiveResult>(new Analysis.Domain.Analyses.Descriptive.DescriptiveSpec(["x", "huge"]), data);
        var t = Run<TTestResult>(new TwoSampleTTestSpec("v", "g", null, false, 0.95), stacked);
        var r = Run<CorrelationResult>(new CorrelationSpec(["x", "y"], CorrelationMethod.Pearson), data);
        var lm = Run<RegressionResult>(new RegressionSpec("y", ["x"]), data);

        Assert.Multiple(() =>
        {
            Close(described.Columns["x"].Mean, 5.7000000000000001e+200, "mean");
            Close(described.Columns["x"].Std, 3.4009802508492556e+200, "sd");
            Close(described.Columns["huge"].Mean, 1.6e308, "mean near the largest double");
            Close(t.Statistic, 1.3889782036305592e-01, "t");
            Close(t.Df, 1.7762000469306344e+01, "df");
            Close(t.PValue, 8.9109359195604743e-01, "p");
            Close(t.ConfidenceInterval, [-2.8280413388413672e+200, 3.2280413388413676e+200], "ci");
            Close(r.Matrix[0][1], 0.89022873724169949, "r");
            Close([.. lm.Coefficients.Select(c => c.Estimate)], [9.8270893371757939e+199, 7.9250720461095081e-01], "coefficients");
            Close([.. lm.Coefficients.Select(c => c.StdError)], [9.3904579642412012e+199, 1.4336994770988756e-01], "standard errors");
            Close(lm.ResidualStdError, 1.4627950821798543e+200, "residual SE");
            Close(lm.RSquared, 7.9250720461095103e-01, "R²");
            Assert.That(lm.Warnings, Is.Null, "no false \"the fit is exact\"");
            Assert.That(described.Warnings, Is.Null);
        });
    }

    [Test]
    public void Shapiro_EachColumnOnItsOwnValues_MatchesR_AndAColumnOutsideRsRangeCarriesAnError()
    {
        // R: shapiro.test(mtcars$mpg); shapiro.test(mtcars$hp). A column of 2 values: R stops ("sample size must be
        // between 3 and 5000"); here that column carries an error and the others are tested.
        var cars = Load("mtcars.csv");
        var data = new Dataset([
            (NumericColumn)cars.Find("mpg")!,
            (NumericColumn)cars.Find("hp")!,
            new NumericColumn("two", [1, 2, .. Enumerable.Repeat(double.NaN, 30)]),
        ]);
        var r = Run<ShapiroResult>(new ShapiroSpec(["mpg", "hp", "two"]), data);

        Assert.Multiple(() =>
        {
            Close(r.Columns["mpg"].Statistic!.Value, 0.94756472647927426, "W mpg");
            Close(r.Columns["mpg"].PValue!.Value, 0.12288135853944325, "p mpg");
            Close(r.Columns["hp"].Statistic!.Value, 0.93341934019854966, "W hp");
            Close(r.Columns["hp"].PValue!.Value, 0.048808238105174061, "p hp");
            Assert.That(r.Columns["mpg"].N, Is.EqualTo(32));
            Assert.That(r.Columns["two"].Error, Does.Contain("3 to 5000 values").And.Contain("has 2"));
            Assert.That(r.Highlight, Is.EqualTo("shapiro mpg, hp, two: smallest p = 0.0488 (hp, W = 0.9334)"));
        });
    }

    [Test]
    public void Tukey_UnequalGroups_NumericGrouping_AndA99PercentLevel_MatchR()
    {
        // R: TukeyHSD(aov(mpg ~ factor(cyl), mtcars)) and TukeyHSD(aov(count ~ spray, InsectSprays), conf.level = 0.99):
        // diff, lwr, upr, p adj, rows in R's order (6-4, 8-4, 8-6). R's qtukey is accurate to about 1e-4, so the
        // intervals are compared at that; R's p adj is 1 − ptukey, so it keeps absolute digits only (about 1e-11: it
        // prints 0 for F − C) and p-values below 1e-4 are compared absolutely, at 5e-11.
        var cars = Run<TukeyResult>(new TukeySpec("mpg", "cyl", 0.95), Load("mtcars.csv"));
        var sprays = Run<TukeyResult>(new TukeySpec("count", "spray", 0.99), Load("insectsprays.csv"));
        double[] sprayP = [0.99518103136660951, 1.0750550449856178e-09, 1.4420126304148795e-06, 4.0862438654976074e-08, 0.75421472763167263,
            1.1845824321454757e-10, 1.7939113661213923e-07, 4.8422903464739875e-09, 0.9603075000339143, 0.49207074457993383, 0.94886690954540298,
            0, 0.94886690954540476, 5.9985306721799247e-09, 1.4882128862581112e-10];
        double[] sprayLow = [-4.7927662904255053, -18.042766290425533, -15.209432957092165, -16.626099623758844, -3.4594329570921749,
            -18.876099623758869, -16.042766290425501, -17.459432957092179, -4.2927662904255106, -2.7927662904254724, -4.2094329570921509,
            8.9572337095745205, -7.0427662904255195, 6.1239003762411501, 7.5405670429078286];

        Assert.Multiple(() =>
        {
            Assert.That(cars.Comparisons.Select(c => string.Join("-", c.Groups.Reverse())), Is.EqualTo(new[] { "6-4", "8-4", "8-6" }));
            Close([.. cars.Comparisons.Select(c => c.Difference)], [-6.9207792207792203, -11.563636363636357, -4.642857142857137], "differences");
            Close([cars.Comparisons[0].PValue, cars.Comparisons[2].PValue], [0.00034237204970111179, 0.011228681353105174], "p adj");
            Assert.That(cars.Comparisons[1].PValue, Is.EqualTo(2.5439802486815211e-09).Within(1e-12), "p adj 8-4 (R: 1 - ptukey)");
            for (var i = 0; i < 3; i++)
            {
                var (low, high) = (new[] { -10.769349828967261, -14.77077853712639, -8.3275829692506633 }[i], new[] { -3.0722086125911803, -8.356494190146325, -0.95813131646361116 }[i]);
                Assert.That(cars.Comparisons[i].ConfidenceInterval[0], Is.EqualTo(low).Within(1e-2).Percent, $"lwr {i}");
                Assert.That(cars.Comparisons[i].ConfidenceInterval[1], Is.EqualTo(high).Within(1e-2).Percent, $"upr {i}");
            }

            Assert.That(sprays.Comparisons, Has.Count.EqualTo(15));
            for (var i = 0; i < 15; i++)
            {
                var p = sprays.Comparisons[i].PValue;
                Assert.That(p, sprayP[i] > 1e-4 ? Is.EqualTo(sprayP[i]).Within(1e-6 * sprayP[i]) : Is.EqualTo(sprayP[i]).Within(5e-11), $"p adj {i}");
                Assert.That(sprays.Comparisons[i].ConfidenceInterval[0], Is.EqualTo(sprayLow[i]).Within(1e-4 * Math.Abs(sprayLow[i])), $"lwr {i}");
            }

            // C − A: R's p adj is 1.0750550449856178e-09, off by 0.8 %: the defining integral, computed with R's integrate —
            // ∫ f(s) P(range of 6 normals > q·s) ds over the density of s = √(χ²₆₆/66), q = 10.9672801828183 — gives
            // 1.08370546585361e-09, which the service matches.
            Close(sprays.Comparisons[1].PValue, 1.08370546585361e-09, "p adj C - A against the integral");
            Assert.That(sprays.Comparisons[11].Groups, Is.EqualTo(new[] { "C", "F" }));
            Assert.That(sprays.Comparisons[11].PValue, Is.GreaterThan(0).And.LessThan(1e-11), "F - C: R prints 0; the tail itself is tiny, not 0");
        });
    }

    [Test]
    public void Fisher_TwoByTwo_AndThreeByThree_MatchR_AndATableTooLargeForTheBound_SuggestsChiSquare()
    {
        // R: fisher.test(table(mtcars$am, mtcars$vs)): p = 0.47269744160177962, odds ratio 1.9560553993728882, 95% interval
        // 0.38253417984464022 to 10.591608672988254 — R solves the estimate and interval with uniroot's default
        // tolerance (about 1e-4), so they are compared at 1e-3; fisher.test(table(mtcars$cyl, mtcars$gear))$p.value.
        var cars = Load("mtcars.csv");
        var two = Run<Analysis.Domain.Analyses.Fisher.FisherResult>(new Analysis.Domain.Analyses.Fisher.FisherSpec("am", "vs", 0.95), cars);
        var three = Run<Analysis.Domain.Analyses.Fisher.FisherResult>(new Analysis.Domain.Analyses.Fisher.FisherSpec("cyl", "gear", 0.95), cars);
        var bounded = AnalysisEngine.Run(new Analysis.Domain.Analyses.Fisher.FisherSpec("cyl", "gear", 0.95), cars, CancellationToken.None, new EngineLimits(20));

        Assert.Multiple(() =>
        {
            Close(two.PValue, 0.47269744160177962, "2x2 p");
            Assert.That(two.OddsRatio, Is.EqualTo(1.9560553993728882).Within(1e-3).Percent);
            Assert.That(two.ConfidenceInterval![0], Is.EqualTo(0.38253417984464022).Within(1e-1).Percent);
            Assert.That(two.ConfidenceInterval[1], Is.EqualTo(10.591608672988254).Within(1e-1).Percent);
            Assert.That(two.Highlight, Does.StartWith("fisher am by vs: odds ratio = 1.956, p = 0.473"));
            Close(three.PValue, 8.2597156846191033e-05, "3x3 p");
            Assert.That(three.OddsRatio, Is.Null);
            Assert.That(((AnalysisErrorResult)bounded).Error, Does.Contain("Analysis:FisherMaxWork").And.Contain("chisquare"));
        });
    }

    [Test]
    public void Kendall_WithTies_IsNormal_AndWithoutTiesBelow50_IsExact_AsR()
    {
        // R: cor.test(mtcars$mpg, mtcars$wt, method = "kendall") (ties: normal approximation, R warns);
        // cor.test(tiny$a, tiny$b, method = "kendall") (7 rows, no ties: exact)
        var cars = Run<CorrelationResult>(new CorrelationSpec(["mpg", "wt"], CorrelationMethod.Kendall), Load("mtcars.csv"));
        var tiny = Run<CorrelationResult>(new CorrelationSpec(["a", "b"], CorrelationMethod.Kendall), Load("tiny.csv"));

        Assert.Multiple(() =>
        {
            Close(cars.Matrix[0][1], -0.727832149528431, "tau mpg, wt");
            Close(cars.PValues[0][1], 6.705770405595863e-09, "p mpg, wt");
            Assert.That(cars.Warnings, Has.One.Contains("Ties in 'mpg', 'wt'"));
            Close(tiny.Matrix[0][1], 0.7142857142857143, "tau tiny");
            Close(tiny.PValues[0][1], 0.030158730158730052, "p tiny (exact)");
            Assert.That(tiny.Warnings, Is.Null);
            Assert.That(cars.Method, Is.EqualTo("kendall"));
        });
    }

    [Test]
    public void ACategoricalPredictorOfManyLevelsOnManyRows_IsRefused_InsteadOfTakingGigabytes()
    {
        // 20,000 rows × 999 indicator columns would be 160 MB of doubles; the model refuses past 2^24 cells.
        const int rows = 20_000;
        var data = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, rows).Select(i => (double)(i % 7))]),
            new CategoricalColumn("id", [.. Enumerable.Range(0, rows).Select(i => i % 1000)], [.. Enumerable.Range(0, 1000).Select(i => $"L{i:D4}")]),
        ]);

        var error = RunError(new RegressionSpec("y", ["id"]), data);

        Assert.That(error.Error, Does.Contain("999 indicator columns").And.Contain("fewer levels"));
    }

    [Test]
    public void TukeyLeveneAndPairedTests_OfValuesNearTheLargestDouble_GiveTheNumbersOfTheScaledData()
    {
        // R on the data divided by 1e200 (or 1e308), scaled back: x <- c(1, 2, 3, 5, 8, 9), g <- a, a, a, b, b, b:
        // TukeyHSD(aov(x ~ g)) b-a 5.3333333333333339 [1.631390473252659, 9.0352761934140098] (p adj: R's ptukey at 4 df is
        // off by 6e-5 here; with two groups the studentized range is exactly √2·|t|: 2 * pt(-q / sqrt(2), 4) = 0.016130089900092518);
        // oneway.test(abs(x - ave(x, g, FUN = median)) ~ g, var.equal = TRUE) F 0.5, p 0.51851851851851871;
        // t.test(c(1, 0.05, 0.1, 0.05), c(-1, -0.05, -0.1, -0.05), paired = TRUE) (times 1e308: a − b of the first pair
        // overflows a double) t 1.28407747501155911, p 0.28929913084097136, mean difference 0.6 (× 1e308).
        var grouped = new Dataset([
            new NumericColumn("x", [1e200, 2e200, 3e200, 5e200, 8e200, 9e200]),
            new CategoricalColumn("g", [0, 0, 0, 1, 1, 1], ["a", "b"]),
        ]);
        var pairs = new Dataset([
            new NumericColumn("a", [1.0e308, 0.05e308, 0.1e308, 0.05e308]),
            new NumericColumn("b", [-1.0e308, -0.05e308, -0.1e308, -0.05e308]),
        ]);

        var tukey = Run<TukeyResult>(new TukeySpec("x", "g", 0.95), grouped);
        var levene = Run<LeveneResult>(new LeveneSpec("x", "g", LeveneCenter.Median), grouped);
        var paired = Run<TTestResult>(new PairedTTestSpec("a", "b", 0.95), pairs);
        var signed = Run<WilcoxonResult>(new WilcoxonSpec(["a", "b"], null, 0, null, true), pairs);

        Assert.Multiple(() =>
        {
            Close(tukey.Comparisons[0].Difference, 5.3333333333333339e200, "difference");
            Close(tukey.Comparisons[0].PValue, 0.016130089900092518, "p adj: for two groups exactly 2 * pt(-q / sqrt(2), 4) (R's ptukey: 0.016130986706990869)");
            Assert.That(tukey.Comparisons[0].ConfidenceInterval[0], Is.EqualTo(1.631390473252659e200).Within(1e-2).Percent, "to 1e-4, R's qtukey");
            Close(levene.FStatistic, 0.5, "Levene F");
            Close(levene.PValue, 0.51851851851851871, "Levene p");
            Close(paired.Statistic, 1.28407747501155911, "paired t");
            Close(paired.PValue, 0.28929913084097136, "paired p");
            Close(paired.Estimate, 0.6e308, "mean difference");
            Assert.That(signed.Statistic, Is.EqualTo(10), "every difference positive: V = 1 + 2 + 3 + 4 (1.5 + 1.5 for the tied pair)");
        });
    }

    [Test]
    public void Tukey_RefusesMoreThan100Groups_AndTooFewDegreesOfFreedom_WithAReason()
    {
        var many = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, 404).Select(i => (double)(i % 13))]),
            new NumericColumn("g", [.. Enumerable.Range(0, 404).Select(i => (double)(i % 101))]),
        ]);
        var few = new Dataset([new NumericColumn("y", [1, 2, 5]), new CategoricalColumn("g", [0, 0, 1], ["a", "b"])]);

        Assert.Multiple(() =>
        {
            Assert.That(RunError(new TukeySpec("y", "g", 0.95), many).Error, Does.Contain("101 groups").And.Contain("at most 100 groups"));
            Assert.That(RunError(new TukeySpec("y", "g", 0.95), few).Error, Does.Contain("1 degree of freedom within groups"));
        });
    }

    [Test]
    public void ACategoricalPredictorWithOneLevelInTheCompleteRows_IsAnError_AsRSays()
    {
        // R: lm(y ~ x + g) where every row with g = "b" lacks y stops: "contrasts can be applied only to factors with 2 or more levels".
        var data = new Dataset([
            new NumericColumn("y", [1, 2, 3, 4, double.NaN, double.NaN]),
            new NumericColumn("x", [1, 3, 2, 5, 4, 6]),
            new CategoricalColumn("g", [0, 0, 0, 0, 1, 1], ["a", "b"]),
        ]);

        Assert.That(RunError(new RegressionSpec("y", ["x", "g"]), data).Error, Does.Contain("Predictor 'g' has 1 level"));
    }
}
