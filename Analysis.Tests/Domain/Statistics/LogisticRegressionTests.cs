using Analysis.Domain.Statistics;
using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain.Statistics;

/// <summary>
/// <see cref="LogisticRegression"/> against R 4.2.2's <c>glm(..., family = binomial)</c> and <c>summary.glm</c>.
/// Every expected figure was printed by Rscript with <c>sprintf("%.17g", ...)</c> from the call quoted beside it
/// (coef(summary(fit)) columns, fit$deviance, fit$null.deviance, fit$aic, fit$df.residual, fit$df.null, fit$iter,
/// fit$converged, and the warnings glm.fit gave); the design's dummies are built here as R's treatment coding does.
/// </summary>
public sealed class LogisticRegressionTests
{
    // R: mtcars$am, $vs, $cyl, $gear, $mpg, $wt, $hp (datasets package).
    private static readonly double[] Am = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
    private static readonly double[] Vs = [0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1];
    private static readonly double[] Cyl = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4];
    private static readonly double[] Gear = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4];
    private static readonly double[] Mpg = [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4];
    private static readonly double[] Wt = [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78];
    private static readonly double[] Hp = [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109];

    [Test]
    public void Fit_AmOnWtAndHp_MatchesR()
    {
        // R: summary(glm(am ~ wt + hp, family = binomial, data = mtcars)) — no warnings.
        var fit = LogisticRegression.Fit([Ones(32), Wt, Hp], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [18.866298717204096, -8.0834751824446283, 0.036255596082216547],
                [7.443558060205274, 3.0686751130546961, 0.017734153650769347],
                [2.5345807159169, -2.6341906147236216, 2.0443939302760974],
                [0.011258198716613689, 0.0084338125997070225, 0.040914646459029938]);
            Close(fit.Deviance, 10.059110472266989, "deviance");
            Close(fit.NullDeviance, 43.229733276857807, "null deviance");
            Close(fit.Aic, 16.059110472266987, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((29, 31, 8, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.None));
            Assert.That(fit.Aliased, Is.Empty);
        });
    }

    [Test]
    public void Fit_TreatmentCodedGearAndMpg_MatchesR()
    {
        // R: summary(glm(vs ~ factor(gear) + mpg, family = binomial, data = mtcars)) — no warnings; every gear level has both vs values.
        var fit = LogisticRegression.Fit([Ones(32), Dummy(Gear, 4), Dummy(Gear, 5), Mpg], Vs, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-13.472521609852894, 0.38893564748666698, -5.8157061388299303, 0.68358887214080499],
                [5.4749251738556328, 1.3692154159319849, 3.425343205484205, 0.29119718386297749],
                [-2.4607681716250882, 0.28405730972721327, -1.697846256549882, 2.3475119610444688],
                [0.013863991775246706, 0.7763664618249575, 0.089536782914793514, 0.018899266339610529]);
            Close(fit.Deviance, 18.202641906310092, "deviance");
            Close(fit.NullDeviance, 43.860109265693325, "null deviance");
            Close(fit.Aic, 26.202641906310092, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((28, 31, 7, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.None));
        });
    }

    [Test]
    public void Fit_CylinderLevelWithOnlyOneOutcome_MatchesRAndIsQuasiSeparated()
    {
        // R: summary(glm(vs ~ factor(cyl) + mpg, family = binomial, data = mtcars)) — no warning (smallest fitted μ
        // 2.2e-9), converged at iteration 18; but every 8-cylinder car has vs = 0, so the factor(cyl)8 coefficient
        // runs off (SE 2864): quasi-separation, found by the direction check although R says nothing.
        var fit = LogisticRegression.Fit([Ones(32), Dummy(Cyl, 6), Dummy(Cyl, 8), Mpg], Vs, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [4.7533155762958827, -2.6954097596168007, -22.984000906554915, -0.089610012835663957],
                [6.3720400032099827, 2.2656154147439946, 2863.5044366339885, 0.22416592331966767],
                [0.74596449079123006, -1.1897031341135058, -0.0080265288268846907, -0.39974859474014368],
                [0.45568886570944322, 0.23416309312102573, 0.99359582533726498, 0.68934169618890107]);
            Close(fit.Deviance, 16.10073017515834, "deviance");
            Close(fit.NullDeviance, 43.860109265693325, "null deviance");
            Close(fit.Aic, 24.10073017515834, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((28, 31, 18, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Quasi));
        });
    }

    [Test]
    public void Fit_GearLevelsEachWithOneOutcome_MatchesRAndIsQuasiSeparated()
    {
        // R: summary(glm(am ~ factor(gear) + mpg, family = binomial, data = mtcars)) — no warning, converged at
        // iteration 19; gear 3 has only am = 0 and gear 5 only am = 1 while gear 4 has both: quasi-separation.
        var fit = LogisticRegression.Fit([Ones(32), Dummy(Gear, 4), Dummy(Gear, 5), Mpg], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-26.418043337308642, 19.343536577605132, 40.77652412557164, 0.3366024556852375],
                [4311.9598209717033, 4311.9573690621783, 8242.8926792323182, 0.2456690722316876],
                [-0.0061266905152551534, 0.0044860222219247547, 0.0049468706814910588, 1.3701458332849961],
                [0.99511163881094156, 0.99642068413497298, 0.99605298435720813, 0.17064138296192233]);
            Close(fit.Deviance, 11.658692301082208, "deviance");
            Close(fit.Aic, 19.658692301082205, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((28, 31, 19, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Quasi));
        });
    }

    [Test]
    public void Fit_QuasiSeparationAmongManySaturatedRows_MatchesRAndIsQuasiSeparated()
    {
        // R: d <- data.frame(y, a, b, c, e, u, v) with the columns below (rbinom/rnorm draws, rounded);
        //    summary(glm(y ~ a + b + c + e + u + v, family = binomial, data = d))
        // Warning: glm.fit: fitted probabilities numerically 0 or 1 occurred. Converged at iteration 18. Both rows with
        // a = 1 have y = 0 (quasi-separation along a), while 43 of the 50 rows are fitted beyond |η| = 10 by the
        // finite part: the separating direction shows in the last IRLS step, which moves only the a = 1 rows.
        double[] y = [1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1];
        double[] a = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] b = [0, 0, 2, 1, 2, 2, 1, 0, 3, 3, 1, 3, 1, 3, 2, 3, 3, 2, 0, 3, 1, 0, 0, 3, 2, 0, 3, 3, 1, 0, 1, 1, 3, 2, 2, 0, 2, 0, 2, 3, 3, 0, 0, 3, 1, 3, 0, 0, 3, 3];
        double[] c = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] e = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0];
        double[] u = [-8.8, 10.6, 10.1, 1.5, 3.2, -7.0, 3.8, -6.4, 3.3, 0.2, 19.9, 9.1, -0.2, 5.5, -5.9, 9.8, -16.6, 13.7, 14.5, 5.4, -17.8, 20.6, -2.0, -0.6, 3.4, 0.2, -5.2, 5.8, 20.8, -10.6, 11.6, 0.6, 3.5, -1.1, -17.7, -3.5, -12.4, 5.9, 4.0, -5.4, -5.3, 10.0, -1.0, 19.2, 1.5, -19.1, -9.7, 8.9, -23.9, -1.3];
        double[] v = [0.7, 22.2, 21.6, -6.3, -4.2, -5.5, 0.5, 4.3, -8.1, -11.0, 4.2, -2.5, 7.2, -15.6, -8.8, 4.4, -13.1, -2.0, -3.7, -0.1, 7.3, -6.6, 10.1, -10.8, -10.0, 10.4, -1.3, 1.3, 15.7, 4.5, 0.6, 1.6, 4.7, 22.2, 10.2, -6.0, -13.5, 16.2, -8.5, -2.7, -6.8, 8.5, 12.4, 10.1, -18.8, 1.9, 9.6, -3.4, 1.4, -5.8];
        var fit = LogisticRegression.Fit([Ones(50), a, b, c, e, u, v], y, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [12.108469476958671, -69.28361432318583, 6.7404009899108681, -48.132095326638968, -36.811329907017168, -2.6683244253041365, -1.1551777191163377],
                [41.786522472798033, 6846.5854865754782, 31.022379913540725, 144.462643249824, 1097.4989741118345, 6.560442724152125, 3.9010927959196859],
                [0.28976973340724815, -0.010119440480080835, 0.21727543175914757, -0.33318022046296464, -0.033541106438670906, -0.40672932262341976, -0.296116442122214],
                [0.77199240413631587, 0.99192599247774893, 0.82799370237560399, 0.73899824777063572, 0.97324308606170207, 0.68420680162272829, 0.76714115778000169]);
            Close(fit.Deviance, 4.4255155089334739, "deviance");
            Close(fit.NullDeviance, 68.994375845839954, "null deviance");
            Close(fit.Aic, 18.425515508933472, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((43, 49, 18, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Quasi));
        });
    }

    [Test]
    public void Fit_QuasiSeparated_RWarnsProbabilitiesZeroOrOne_MatchesR()
    {
        // R: summary(glm(y ~ x, family = binomial, data = data.frame(x = c(1,2,3,4,4,5,6,7), y = c(0,0,0,0,1,1,1,1))))
        // Warning: glm.fit: fitted probabilities numerically 0 or 1 occurred. Converged at iteration 21; the two
        // observations at x = 4 (one of each) stay at μ = ½, so the deviance is 4·log 2.
        var fit = LogisticRegression.Fit([Ones(8), [1, 2, 3, 4, 4, 5, 6, 7]], [0, 0, 0, 0, 1, 1, 1, 1], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-81.073817875775674, 20.268454468943915],
                [43215.213578333976, 10803.803388798493],
                [-0.0018760480664712525, 0.0018760480674758003],
                [0.99850313109049094, 0.99850313108968947]);
            Close(fit.Deviance, 2.7725887285432873, "deviance");
            Close(fit.NullDeviance, 11.090354888959125, "null deviance");
            Close(fit.Aic, 6.7725887285432869, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((6, 7, 21, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Quasi));
        });
    }

    [Test]
    public void Fit_ExtremeObservation_RWarnsButNotSeparated_MatchesR()
    {
        // R: summary(glm(y ~ x, family = binomial, data = data.frame(x = c(1:20, 200),
        //                y = c(0,0,0,1,0,0,1,0,1,0,1,1,0,1,1,1,0,1,1,1,1))))
        // Warning: glm.fit: fitted probabilities numerically 0 or 1 occurred (η = 41.6 at x = 200); yet the estimates
        // are finite and the outcomes overlap, so the data are not separated.
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 200];
        double[] y = [0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1];
        var fit = LogisticRegression.Fit([Ones(21), x], y, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-2.0172849263827022, 0.21824103891437757],
                [1.1624998961674762, 0.10506928803454313],
                [-1.7352990163984332, 2.0771154254193434],
                [0.082687855893817122, 0.037790907207766386]);
            Close(fit.Deviance, 21.722561345660527, "deviance");
            Close(fit.NullDeviance, 28.682140397419808, "null deviance");
            Close(fit.Aic, 25.722561345660527, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((19, 20, 7, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.None));
        });
    }

    [Test]
    public void Fit_CompletelySeparated_MatchesR()
    {
        // R: summary(glm(y ~ x, family = binomial, data = data.frame(x = 1:8, y = c(0,0,0,0,1,1,1,1))))
        // Warning: glm.fit: fitted probabilities numerically 0 or 1 occurred. "Converged" at iteration 25 with deviance 4.5e-10.
        var fit = LogisticRegression.Fit([Ones(8), [1, 2, 3, 4, 5, 6, 7, 8]], [0, 0, 0, 0, 1, 1, 1, 1], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-206.12214382731412, 45.804920848838854],
                [365130.89425460686, 80643.895267414628],
                [-0.00056451575878864013, 0.00056798993522014327],
                [0.99954958161565566, 0.99954680962436393]);
            Close(fit.Deviance, 4.5253312206055372e-10, "deviance");
            Close(fit.Aic, 4.0000000004525331, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((6, 7, 25, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Complete));
        });
    }

    [Test]
    public void Fit_CompletelySeparatedByGearAndWeight_DoesNotConverge_MatchesR()
    {
        // R: summary(glm(am ~ factor(gear) + wt, family = binomial, data = mtcars))
        // Warnings: glm.fit: algorithm did not converge; glm.fit: fitted probabilities numerically 0 or 1 occurred.
        var fit = LogisticRegression.Fit([Ones(32), Dummy(Gear, 4), Dummy(Gear, 5), Wt], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [343.15725724520917, 104.14656283383971, 211.27052090039095, -148.49724633197425],
                [216168.71377325521, 73781.033537136289, 158147.02099125422, 84632.099054619117],
                [0.0015874510758534439, 0.0014115628074174308, 0.0013359121125150661, -0.0017546208588793055],
                [0.9987333978275198, 0.99887373620337327, 0.9989340966678808, 0.99860001582499147]);
            Close(fit.Deviance, 5.7238636016030074e-09, "deviance");
            Close(fit.NullDeviance, 43.229733276857807, "null deviance");
            Close(fit.Aic, 8.0000000057238623, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((28, 31, 25, false)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Complete));
        });
    }

    [Test]
    public void Fit_ExactlyCollinearColumn_IsAliasedAsInR()
    {
        // R: summary(glm(am ~ wt + I(2 * wt) + hp, family = binomial, data = mtcars)) — coef: I(2 * wt) NA; the rest
        // as glm(am ~ wt + hp): the aliased column is pivoted out and hp, after it, is still fitted.
        var fit = LogisticRegression.Fit([Ones(32), Wt, [.. Wt.Select(w => 2 * w)], Hp], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [18.866298717204096, -8.0834751824446283, double.NaN, 0.036255596082216547],
                [7.443558060205274, 3.0686751130546961, double.NaN, 0.017734153650769347],
                [2.5345807159169, -2.6341906147236216, double.NaN, 2.0443939302760974],
                [0.011258198716613689, 0.0084338125997070225, double.NaN, 0.040914646459029938]);
            Close(fit.Deviance, 10.059110472266989, "deviance");
            Close(fit.Aic, 16.059110472266987, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations), Is.EqualTo((29, 31, 8)));
            Assert.That(fit.Aliased, Is.EqualTo(new[] { 2 }));
        });
    }

    [Test]
    public void Fit_NumericallyCollinearColumn_IsAliasedAsInR()
    {
        // R: summary(glm(am ~ wt + hp + I(2 * wt + 1e-12 * mpg), family = binomial, data = mtcars)) — the last coef is
        // NA (its part outside the other columns is ~5e-13 of its norm, below glm.fit's qr tolerance 1e-11).
        var nearly = Wt.Zip(Mpg, (w, m) => (2 * w) + (1e-12 * m)).ToArray();
        var fit = LogisticRegression.Fit([Ones(32), Wt, Hp, nearly], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [18.866298717204096, -8.0834751824446283, 0.036255596082216547, double.NaN],
                [7.443558060205274, 3.0686751130546961, 0.017734153650769347, double.NaN],
                [2.5345807159169, -2.6341906147236216, 2.0443939302760974, double.NaN],
                [0.011258198716613689, 0.0084338125997070225, 0.040914646459029938, double.NaN]);
            Close(fit.Deviance, 10.059110472266989, "deviance");
            Assert.That((fit.DfResidual, fit.Aliased), Is.EqualTo((29, new[] { 3 })));
        });
    }

    [Test]
    public void Fit_ZeroColumn_IsAliasedAsInR()
    {
        // R: summary(glm(am ~ wt + I(0 * wt), family = binomial, data = mtcars)) — coef: I(0 * wt) NA.
        var fit = LogisticRegression.Fit([Ones(32), Wt, new double[32]], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [12.040369658962707, -4.023969940327893, double.NaN],
                [4.5097061047497125, 1.4364157843209175, double.NaN],
                [2.6698790074771277, -2.8013963535149204, double.NaN],
                [0.0075878583760180295, 0.0050881982884765876, double.NaN]);
            Close(fit.Deviance, 19.176084807445083, "deviance");
            Close(fit.Aic, 23.176084807445083, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Aliased), Is.EqualTo((30, 31, 6, new[] { 2 })));
        });
    }

    [Test]
    public void Fit_NearlyCollinearAboveGlmTolerance_IsNotAliased_AsInR()
    {
        // R: summary(glm(am ~ wt + hp + I(2 * wt + 1e-9 * mpg), family = binomial, data = mtcars)) — rank 4, no NA:
        // the part of the last column outside the others is ~7e-10 of its norm, above glm.fit's tolerance 1e-11
        // (lm's 1e-7 would drop it: lm(am ~ wt + hp + I(2 * wt + 1e-9 * mpg), data = mtcars)$rank is 3).
        // The condition number is ~1e9: from iteration 8 on R's deviance wanders by ~2e-7 with rounding
        // (glm.control(trace = TRUE)) until it stops at 14, where this stops at 15, so the figures agree to ~4e-6
        // only: compared within 1e-4 (0.01 %).
        var nearly = Wt.Zip(Mpg, (w, m) => (2 * w) + (1e-9 * m)).ToArray();
        var fit = LogisticRegression.Fit([Ones(32), Wt, Hp, nearly], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(fit.Aliased, Is.Empty);
            Assert.That(fit.DfResidual, Is.EqualTo(28));
            Assert.That(fit.Estimates, Is.EqualTo(new[] { -15.721409180004065, -2458606279.3862653, 0.083893496182532917, 1229303136.215672 }).Within(0.01).Percent);
            Assert.That(fit.StdErrors, Is.EqualTo(new[] { 40.002825469991301, 3162171587.3460813, 0.082277634029988972, 1581085793.1168664 }).Within(0.01).Percent);
            Assert.That(fit.Deviance, Is.EqualTo(8.7661102509620115).Within(0.01).Percent);
        });
    }

    [Test]
    public void Fit_InterceptOnly_MatchesR()
    {
        // R: summary(glm(am ~ 1, family = binomial, data = mtcars))
        var fit = LogisticRegression.Fit([Ones(32)], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(fit, [-0.37948962170490336], [0.35993701530399469], [-1.054322299651218], [0.29173538256850784]);
            Close(fit.Deviance, 43.2297332768578, "deviance");
            Close(fit.NullDeviance, 43.229733276857807, "null deviance");
            Close(fit.Aic, 45.2297332768578, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((31, 31, 4, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.None));
        });
    }

    [Test]
    public void Fit_InterceptOnlyAllOnes_IsCompletelySeparated()
    {
        // R: summary(glm(y ~ 1, family = binomial, data = data.frame(y = rep(1, 10)))) — no warning (μ = 1 − 2.1e-11),
        // converged at iteration 23; the intercept alone separates (η > 0 for every y = 1).
        var fit = LogisticRegression.Fit([Ones(10)], Ones(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(fit, [24.566069709125212], [41429.244863228967], [0.0005929644576005567], [0.99952688284190083]);
            Close(fit.Deviance, 4.2867043247947449e-10, "deviance");
            Assert.That(fit.NullDeviance, Is.Zero);
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((9, 9, 23, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.Complete));
        });
    }

    [Test]
    public void Fit_WithoutInterceptColumn_NullModelIsOneHalf_AsInR()
    {
        // R: summary(glm(am ~ wt + hp - 1, family = binomial, data = mtcars))
        var fit = LogisticRegression.Fit([Wt, Hp], Am, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Table(
                fit,
                [-0.81681101201468054, 0.012311545661181787],
                [0.39743735435831479, 0.0079837946273917763],
                [-2.0551943672568682, 1.5420669287937134],
                [0.039860234974359442, 0.12305733040442252]);
            Close(fit.Deviance, 37.03972626267597, "deviance");
            Close(fit.NullDeviance, 44.361419555836498, "null deviance");
            Close(fit.Aic, 41.03972626267597, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations), Is.EqualTo((30, 32, 4)));
        });
    }

    [Test]
    public void Fit_TenThousandGeneratedRows_TinyPValues_MatchR()
    {
        // R (the same integers and IEEE operations as Generated below):
        //   n <- 10000; i <- 1:n
        //   u1 <- ((i * 7919) %% 10007) / 10007; u2 <- ((i * 104729) %% 10009) / 10009; u3 <- ((i * 15485863) %% 10037) / 10037
        //   x1 <- 4 * u1 - 2; x2 <- 3 * u2; g <- i %% 3
        //   y <- as.numeric(u3 < 0.5 + 0.08 * x1 - 0.1 * x2 + 0.06 * (g == 1))   # sum(y) is 3708
        //   summary(glm(y ~ x1 + x2 + factor(g), family = binomial))
        var (columns, y) = Generated(10_000);
        var fit = LogisticRegression.Fit(columns, y, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(y.Sum(), Is.EqualTo(3708));
            Table(
                fit,
                [0.014425963379864438, 0.37344189704865982, -0.44633461274725439, 0.26112336699237065, -0.012516612850937657],
                [0.051711409892385797, 0.019029867356232622, 0.025265706586155099, 0.052440131478187497, 0.053180470457997522],
                [0.27897060648482874, 19.623988441850642, -17.665629545141368, 4.9794567563390846, -0.23536107791343075],
                [0.78026738223573822, 9.6478266020531712e-86, 7.7147303622014341e-70, 6.3762997644293951e-07, 0.81392849291748448]);
            Close(fit.Deviance, 12440.216633026137, "deviance");
            Close(fit.NullDeviance, 13187.601634804092, "null deviance");
            Close(fit.Aic, 12450.216633026137, "aic");
            Assert.That((fit.DfResidual, fit.DfNull, fit.Iterations, fit.Converged), Is.EqualTo((9995, 9999, 4, true)));
            Assert.That(fit.Separation, Is.EqualTo(Separation.None));
        });
    }

    [Test]
    public void Fit_ResponseNotZeroOrOne_Throws() =>
        Assert.That(() => LogisticRegression.Fit([Ones(3)], new double[] { 0, 0.5, 1 }, CancellationToken.None), Throws.ArgumentException);

    [Test]
    public void Fit_ColumnOfOtherLength_Throws() =>
        Assert.That(() => LogisticRegression.Fit([Ones(3), Ones(2)], new double[] { 0, 1, 1 }, CancellationToken.None), Throws.ArgumentException);

    [Test]
    public void Fit_NonFiniteValue_Throws() =>
        Assert.That(() => LogisticRegression.Fit([Ones(3), [1, double.NaN, 3]], new double[] { 0, 1, 1 }, CancellationToken.None), Throws.ArgumentException);

    [Test]
    public void Fit_WithCancelledToken_Throws() =>
        Assert.That(() => LogisticRegression.Fit([Ones(32), Wt], Am, new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());

    private static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];

    /// <summary>R's treatment coding: 1 where the factor is at <paramref name="level"/>, 0 elsewhere.</summary>
    private static double[] Dummy(double[] factor, double level) => [.. factor.Select(v => v == level ? 1.0 : 0.0)];

    private static (double[][] Columns, double[] Y) Generated(int n)
    {
        var x1 = new double[n];
        var x2 = new double[n];
        var g1 = new double[n];
        var g2 = new double[n];
        var y = new double[n];
        for (var k = 0; k < n; k++)
        {
            long i = k + 1;
            var u1 = (double)(i * 7919 % 10007) / 10007;
            var u2 = (double)(i * 104729 % 10009) / 10009;
            var u3 = (double)(i * 15485863 % 10037) / 10037;
            x1[k] = (4 * u1) - 2;
            x2[k] = 3 * u2;
            g1[k] = i % 3 == 1 ? 1 : 0;
            g2[k] = i % 3 == 2 ? 1 : 0;
            y[k] = u3 < 0.5 + (0.08 * x1[k]) - (0.1 * x2[k]) + (0.06 * g1[k]) ? 1 : 0;
        }

        return ([Ones(n), x1, x2, g1, g2], y);
    }

    /// <summary>The coefficient table (R: coef(summary(fit))) within a relative 1e-6; NaN expected where R gives NA.</summary>
    private static void Table(LogisticFit fit, double[] estimates, double[] stdErrors, double[] zs, double[] ps)
    {
        Check(fit.Estimates, estimates, "estimate");
        Check(fit.StdErrors, stdErrors, "se");
        Check(fit.ZStatistics, zs, "z");
        Check(fit.PValues, ps, "p");

        static void Check(double[] actual, double[] expected, string what)
        {
            Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
            for (var j = 0; j < expected.Length; j++)
            {
                if (double.IsNaN(expected[j]))
                {
                    Assert.That(actual[j], Is.NaN, $"{what}[{j}]");
                }
                else
                {
                    Close(actual[j], expected[j], $"{what}[{j}]");
                }
            }
        }
    }
}
