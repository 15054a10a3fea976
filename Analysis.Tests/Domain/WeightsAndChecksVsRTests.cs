using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #21: case weights on regression and logistic, and the assumption checks, against R 4.2.2 on mtcars
/// (options(digits = 17); the R call beside each value). The R script test runs the same options on more data.
/// </summary>
public sealed class WeightsAndChecksVsRTests
{
    /// <summary>mtcars with w = cyl, except a missing weight in row 1 and a zero in row 2.</summary>
    private static Dataset Weighted()
    {
        var cars = Load("mtcars.csv");
        var w = ((NumericColumn)cars.Find("cyl")!).Values.ToArray();
        (w[0], w[1]) = (double.NaN, 0);
        return new Dataset([.. cars.Columns, new NumericColumn("w", w)]);
    }

    [Test]
    public void WeightedRegression_DropsMissingAndZeroWeights_AsR()
    {
        // R: d <- mtcars; d$w <- d$cyl; d$w[1] <- NA; d$w[2] <- 0; summary(f <- lm(mpg ~ wt, weights = w, data = d))
        var r = Run<RegressionResult>(new RegressionSpec("mpg", ["wt"], "w"), Weighted());

        Assert.Multiple(() =>
        {
            Close([.. r.Coefficients.Select(c => c.Estimate)], [35.7637629351820863, -4.9664156061467466], "estimates");
            Close([.. r.Coefficients.Select(c => c.StdError)], [2.10044032401105740, 0.58279644677637998], "standard errors");
            Close([.. r.Coefficients.Select(c => c.PValue)], [2.6365638893741870e-16, 2.9009890082223052e-09], "p-values");
            Close(r.RSquared, 0.72172349252689605, "R²");
            Close(r.AdjustedRSquared, 0.71178504583142810, "adjusted R²");
            Close(r.ResidualStdError, 7.58455662237883654, "sigma (√(Σ w e² / df))");
            Close(r.FStatistic, 72.61934532043191837, "F");
            Assert.That((r.DfResidual, r.N, r.NExcluded), Is.EqualTo((28, 30, 1)), "the zero weight leaves n and df; the missing one is excluded");
            Assert.That(r.Weights, Is.EqualTo("w"));
            Assert.That(r.Warnings, Is.EqualTo(new[] { "1 row has weight 0 and drops out of the fit and its degrees of freedom (as in R)." }));
        });
    }

    [Test]
    public void WeightedLogistic_WithFractionalWeights_IsRsFitAndAic()
    {
        // R: g <- glm(am ~ wt, family = binomial, weights = qsec / 10, data = mtcars) (warns: non-integer #successes)
        var cars = Load("mtcars.csv");
        var data = new Dataset([.. cars.Columns, new NumericColumn("w", [.. ((NumericColumn)cars.Find("qsec")!).Values.Select(q => q / 10)])]);
        var r = Run<LogisticResult>(new LogisticSpec("am", ["wt"], "w"), data);

        Assert.Multiple(() =>
        {
            Close([.. r.Coefficients.Select(c => c.Estimate)], [11.9437349294467943, -4.0608386444897331], "estimates");
            Close([.. r.Coefficients.Select(c => c.StdError)], [3.3288856882600291, 1.0768227268857742], "standard errors");
            Close(r.Deviance, 33.112750662795698, "deviance");
            Close(r.NullDeviance, 76.648043831223077, "null deviance");
            Close(r.Aic, 34.830029629270896, "AIC (binomial()$aic on round(w) trials)");
            Assert.That((r.DfResidual, r.DfNull), Is.EqualTo((30, 31)));
            Assert.That(r.Warnings, Has.One.Contains("non-integer #successes"));
        });
    }

    [Test]
    public void NegativeWeight_IsRefusedNamingIt()
    {
        var cars = Load("mtcars.csv");
        var data = new Dataset([.. cars.Columns, new NumericColumn("w", [.. Enumerable.Range(0, 32).Select(i => i == 5 ? -1.0 : 1)])]);
        var failures = new List<(string Field, string Message)>();

        new RegressionSpec("mpg", ["wt"], "w").CheckData(data, (field, message) => failures.Add((field, message)));

        Assert.That(failures, Is.EqualTo(new[] { ("weights", "Column 'w' has a negative value (-1 in row 6); weights must be zero or more, as R's lm and glm require.") }));
    }

    [Test]
    public void AnovaChecks_AreShapiroOnTheResiduals_AndLeveneMedian_AsR()
    {
        // R: shapiro.test(residuals(aov(mpg ~ factor(cyl), data = mtcars))): W 0.97065465062419209, p 0.51766495104029353;
        // with(mtcars, oneway.test(abs(mpg - ave(mpg, cyl, FUN = median)) ~ factor(cyl), var.equal = TRUE)):
        // F 5.5070648619776463, p 0.0093902471051104993
        var r = Run<AnovaResult>(new AnovaSpec("mpg", "cyl", WithChecks: true), Load("mtcars.csv"));
        var checks = r.Checks!;

        Assert.Multiple(() =>
        {
            var normality = checks.Normality.Single();
            Close(normality.Statistic!.Value, 0.97065465062419209, "W");
            Close(normality.PValue!.Value, 0.51766495104029353, "Shapiro-Wilk p");
            Assert.That((normality.Method, normality.Group, normality.N), Is.EqualTo(("Shapiro-Wilk", (string?)null, 32)));
            Close(checks.EqualVariance!.FStatistic, 5.5070648619776463, "Levene F");
            Close(checks.EqualVariance.PValue, 0.0093902471051104993, "Levene p");
            Assert.That((checks.EqualVariance.DfBetween, checks.EqualVariance.DfWithin), Is.EqualTo((2, 29)));
            Assert.That(checks.Reading, Is.EqualTo(
                "Shapiro-Wilk finds no departure from normality in the residuals (p = .518); Levene's test finds unequal variances (p = .009), at the 5% level."));
        });
    }

    [Test]
    public void TTestChecks_TestEachGroup_AndSayWhyOneCannotBe()
    {
        // A group of two values has no Shapiro-Wilk test (R's shapiro.test needs 3 to 5000): its note says so.
        var data = new Dataset([
            new NumericColumn("y", [1, 2, 4, 7, 11, 3, 5]),
            new CategoricalColumn("g", [0, 0, 0, 0, 0, 1, 1], ["a", "b"]),
        ]);
        var r = Run<TTestResult>(new TwoSampleTTestSpec("y", "g", null, false, 0.95) { WithChecks = true }, data);

        Assert.Multiple(() =>
        {
            Assert.That(r.Checks!.Normality.Select(c => (c.Group, c.N, c.Statistic is null)), Is.EqualTo(new[] { ("a", 5, false), ("b", 2, true) }));
            Assert.That(r.Checks.Normality[1].Note, Does.Contain("3 to 5000 values"));
            Assert.That(r.Checks.EqualVariance, Is.Not.Null);
        });
    }
}
