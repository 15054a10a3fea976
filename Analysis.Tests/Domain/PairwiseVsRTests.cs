using Analysis.Domain.Statistics;
using static Analysis.Tests.Domain.ReferenceData;

namespace Analysis.Tests.Domain;

/// <summary>
/// Issue #21: the <c>pairwise</c> type against R 4.2.2's <c>pairwise.t.test</c> and <c>pairwise.wilcox.test</c> on
/// airquality (Ozone by Month: 37 missing values, unequal groups, ties) and sleep (paired). Each expected value was
/// printed by R with <c>options(digits = 17)</c> by the call beside it; the pairs are R's lower triangle read column by
/// column: (5,6), (5,7), (5,8), (5,9), (6,7), (6,8), (6,9), (7,8), (7,9), (8,9).
/// </summary>
public sealed class PairwiseVsRTests
{
    private static PairwiseResult Run(PairwiseSpec spec, string file) => Run<PairwiseResult>(spec, Load(file));

    [Test]
    public void PooledT_WithMissingValuesAndUnequalGroups_MatchesR()
    {
        // R: with(airquality, pairwise.t.test(Ozone, Month))$p.value (holm) and p.adjust.method = "none"
        var r = Run(new PairwiseSpec("Ozone", "Month", PairwiseTest.T, true, false, PAdjustMethod.Holm), "airquality.csv");
        Assert.Multiple(() =>
        {
            Assert.That(r.Comparisons.Select(c => string.Join("-", c.Groups)), Is.EqualTo(new[] { "5-6", "5-7", "5-8", "5-9", "6-7", "6-8", "6-9", "7-8", "7-9", "8-9" }));
            Close([.. r.Comparisons.Select(c => c.PValue)],
                [0.60876578934735015, 2.9311512492369273e-05, 1.9490607128185093e-05, 0.32545307134041479, 0.010225482708500681,
                 0.0083122218756216271, 0.85838329756014076, 0.91743634282276665, 0.0006969711633866046, 0.00048476354515018507], "raw p");
            Close([.. r.Comparisons.Select(c => c.PValueAdjusted)],
                [1, 0.00026380361243132344, 0.00019490607128185093, 1, 0.051127413542503407,
                 0.049873331253729766, 1, 1, 0.004878798143706232, 0.0038781083612014805], "holm p");
            Assert.That(r.Method, Is.EqualTo("t tests with pooled SD"));
            Assert.That((r.N, r.Test, r.PAdjust, r.Paired), Is.EqualTo((116, "t", "holm", false)));
        });
        // R: x <- na.omit(airquality[c("Ozone", "Month")]);
        //    with(x, sqrt(sum(tapply(Ozone, Month, function(v) (length(v) - 1) * var(v))) / (length(Ozone) - 5)))
        Close(r.PooledSd!.Value, 29.363390190585037, "pooled SD");
    }

    [Test]
    public void WelchT_AndWilcoxon_MatchR()
    {
        // R: with(airquality, pairwise.t.test(Ozone, Month, pool.sd = FALSE, p.adjust.method = "BH"))$p.value
        var welch = Run(new PairwiseSpec("Ozone", "Month", PairwiseTest.T, false, false, PAdjustMethod.BH), "airquality.csv");
        // R: with(airquality, pairwise.wilcox.test(Ozone, Month, p.adjust.method = "hommel"))  (ties: normal approximation)
        var wilcoxon = Run(new PairwiseSpec("Ozone", "Month", PairwiseTest.Wilcoxon, false, false, PAdjustMethod.Hommel), "airquality.csv");
        Assert.Multiple(() =>
        {
            Close([.. welch.Comparisons.Select(c => c.PValueAdjusted)],
                [0.55762094642087212, 0.00026466786037185043, 0.0010842827959621154, 0.30828793388626008, 0.0054542124897778892,
                 0.0071155304708683158, 0.88183942539187266, 0.93260329252848828, 0.0024536773188257644, 0.0057365798420641444], "BH p (Welch)");
            Assert.That(welch.Method, Is.EqualTo("t tests with non-pooled SD"));
            Assert.That(welch.PooledSd, Is.Null);
            Close([.. wilcoxon.Comparisons.Select(c => c.PValueAdjusted)],
                [0.57750494318173851, 0.00029963895856001757, 0.0010872704769189698, 0.38500329545449236, 0.077723282755422132,
                 0.12953880459237022, 0.95886876738176419, 0.95886876738176419, 0.0059540833652536726, 0.022735685332547863], "hommel p (Wilcoxon)");
            Assert.That(wilcoxon.Method, Is.EqualTo("Wilcoxon rank sum test with continuity correction"));
            Assert.That(wilcoxon.Warnings, Has.One.Contains("10 of 10 pairs have ties"));
        });
    }

    [Test]
    public void Paired_PairsTheKthRowOfEachGroup_AsR()
    {
        // R: with(sleep, pairwise.t.test(extra, group, paired = TRUE))$p.value, 0.0028328901973842702;
        // with(sleep, pairwise.wilcox.test(extra, group, paired = TRUE))$p.value, 0.0090906980159250559 (ties and zeros)
        var t = Run(new PairwiseSpec("extra", "group", PairwiseTest.T, false, true, PAdjustMethod.Holm), "sleep.csv");
        var w = Run(new PairwiseSpec("extra", "group", PairwiseTest.Wilcoxon, false, true, PAdjustMethod.Holm), "sleep.csv");
        Assert.Multiple(() =>
        {
            Close(t.Comparisons.Single().PValueAdjusted, 0.0028328901973842702, "paired t");
            Assert.That(t.Method, Is.EqualTo("paired t tests"));
            Close(w.Comparisons.Single().PValueAdjusted, 0.0090906980159250559, "paired Wilcoxon");
            Assert.That(w.Method, Is.EqualTo("Wilcoxon signed rank test with continuity correction"));
        });
    }

    [Test]
    public void WhereRStopsTheCall_TheAnalysisIsRefused_NamingTheGroup()
    {
        var data = new Dataset([
            new NumericColumn("y", [1, 2, 3, 4, 5, 6, 9]),
            new CategoricalColumn("g", [0, 0, 0, 1, 1, 1, 2], ["a", "b", "c"]),
        ]);
        var pooled = RunError(new PairwiseSpec("y", "g", PairwiseTest.T, true, false, PAdjustMethod.Holm), data);
        var welch = RunError(new PairwiseSpec("y", "g", PairwiseTest.T, false, false, PAdjustMethod.Holm), data);
        var paired = RunError(new PairwiseSpec("y", "g", PairwiseTest.T, false, true, PAdjustMethod.Holm), data);
        Assert.Multiple(() =>
        {
            // R: pairwise.t.test(y, g) gives NA throughout (sd of one value); pool.sd = FALSE stops: "not enough 'y' observations"
            Assert.That(pooled.Error, Does.Contain("Group 'c' has one value"));
            Assert.That(welch.Error, Does.Contain("Group 'c' has one value"));
            Assert.That(paired.Error, Does.Contain("as many rows in every group").And.Contain("'c' has 1").And.Contain("has 3"));
        });
    }
}
