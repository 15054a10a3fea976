using Analysis.Domain.Power;
using Analysis.Domain.Statistics;
using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #21: power and sample size against R 4.2.2's power.t.test, power.prop.test and power.anova.test, and the
/// noncentral t and F beneath them against pt and pf (options(digits = 17); the R call beside each value). A solved
/// quantity is compared with R's solution at tol = 1e-12 (power.anova.test has no tol: uniroot on its power, as
/// written); R's default tolerance, about 1e-4, is what its printed answers carry.
/// </summary>
public sealed class PowerVsRTests
{
    [Test]
    public void NoncentralT_AndF_MatchR()
    {
        Assert.Multiple(() =>
        {
            Close(Noncentral.TLower(2.1, 15, 1.3), 0.76259806622402493, "pt(2.1, 15, ncp = 1.3)");
            Close(Noncentral.TLower(-1, 8, 0.5), 0.076723093111404017, "pt(-1, 8, ncp = 0.5)");
            Close(Noncentral.TUpper(30, 3, 25), 0.44465301390218093, "pt(30, 3, ncp = 25, lower.tail = FALSE)");
            Close(Noncentral.FUpper(2.5, 3, 16, 4), 0.41390518709408225, "pf(2.5, 3, 16, ncp = 4, lower.tail = FALSE)");
            Close(Noncentral.FUpper(10, 2, 40, 60), 0.99870391433419181, "pf(10, 2, 40, ncp = 60, lower.tail = FALSE)");
        });
    }

    [Test]
    public void TTest_EachQuantitySolved_AsR()
    {
        Assert.Multiple(() =>
        {
            // R: power.t.test(n = 20, delta = 1)$power
            Close(PowerCalculations.T(20, 1, 1, 0.05, null, PowerTTestType.TwoSample, false, false)!.Power, 0.86895280169249778, "power");
            // R: power.t.test(delta = 1, power = 0.9, tol = 1e-12)$n (R's default tolerance gives 22.021097703851229)
            var n = PowerCalculations.T(null, 1, 1, 0.05, 0.9, PowerTTestType.TwoSample, false, false)!;
            Close(n.N, 22.021095570093962, "n");
            Assert.That((n.SolvedFor, n.Method, n.Note), Is.EqualTo(("n", "Two-sample t test power calculation", "n is number in *each* group")));
            // R: power.t.test(n = 20, power = 0.9, type = "paired", alternative = "one.sided", tol = 1e-12)$delta
            Close(PowerCalculations.T(20, null, 1, 0.05, 0.9, PowerTTestType.Paired, true, false)!.Delta, 0.67915199652059621, "delta");
            // R: power.t.test(n = 30, delta = 2, power = 0.8, sd = NULL, tol = 1e-12)$sd
            Close(PowerCalculations.T(30, 2, null, 0.05, 0.8, PowerTTestType.TwoSample, false, false)!.Sd, 2.7187877708037544, "sd");
            // R: power.t.test(n = 30, delta = 0.6, power = 0.8, sig.level = NULL, tol = 1e-12)$sig.level
            Close(PowerCalculations.T(30, 0.6, 1, null, 0.8, PowerTTestType.TwoSample, false, false)!.SigLevel, 0.1441075476787492, "sig.level");
            // R: power.t.test(n = 5, delta = 0.5, strict = TRUE)$power; without strict 0.10383994897034721
            Close(PowerCalculations.T(5, 0.5, 1, 0.05, null, PowerTTestType.TwoSample, false, true)!.Power, 0.10768598979818367, "strict power");
            Close(PowerCalculations.T(5, 0.5, 1, 0.05, null, PowerTTestType.TwoSample, false, false)!.Power, 0.10383994897034721, "power");
            // R: power.t.test(n = 12, delta = 0.8, sd = 1.5, type = "one.sample")$power
            Close(PowerCalculations.T(12, 0.8, 1.5, 0.05, null, PowerTTestType.OneSample, false, false)!.Power, 0.39232461244512484, "one-sample power");
        });
    }

    [Test]
    public void Proportion_AndAnova_AsR()
    {
        Assert.Multiple(() =>
        {
            // R: power.prop.test(n = 50, p1 = .5, p2 = .75)$power
            Close(PowerCalculations.Proportion(50, 0.5, 0.75, 0.05, null, false, false)!.Power, 0.74016590133138793, "power");
            // R: power.prop.test(p1 = .5, p2 = .75, power = .9, tol = 1e-12)$n
            Close(PowerCalculations.Proportion(null, 0.5, 0.75, 0.05, 0.9, false, false)!.N, 76.706928451777443, "n");
            // R: power.prop.test(n = 50, p1 = .5, power = .9, tol = 1e-12)$p2
            Close(PowerCalculations.Proportion(50, 0.5, null, 0.05, 0.9, false, false)!.P2, 0.80263058170389467, "p2");
            // R: power.prop.test(n = 20, p1 = .3, p2 = .5, strict = TRUE)$power
            Close(PowerCalculations.Proportion(20, 0.3, 0.5, 0.05, null, false, true)!.Power, 0.24763911658387072, "strict power");
            // R: power.anova.test(groups = 4, n = 5, between.var = 1, within.var = 3)$power
            Close(PowerCalculations.Anova(4, 5, 1, 3, 0.05, null)!.Power, 0.35355942381530236, "ANOVA power");
            // R: uniroot(function(n) power.anova.test(groups = 4, n = n, between.var = 1, within.var = 3)$power - 0.8,
            //    c(2, 1e5), tol = 1e-12)$root (power.anova.test(..., power = .80)$n gives 11.926130957735547)
            Close(PowerCalculations.Anova(4, null, 1, 3, 0.05, 0.8)!.N, 11.926111165703819, "ANOVA n");
        });
    }

    [Test]
    public void NoValueInRange_IsNull()
    {
        // No p2 in [p1, 1] gives power 0.9999 with 5 in each group (R's power.prop.test warns and returns a p2 past 1).
        Assert.That(PowerCalculations.Proportion(5, 0.5, null, 0.05, 0.9999, false, false), Is.Null);
    }
}
