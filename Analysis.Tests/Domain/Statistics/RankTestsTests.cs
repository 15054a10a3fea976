using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain.Statistics;

/// <summary>
/// Wilcoxon rank-sum, signed-rank and Kruskal–Wallis tests against R 4.2.2 (each expected value was printed by
/// Rscript with sprintf("%.17g"); the R call is beside it). Generated samples are built the same way in C# and R
/// from integer arithmetic and one division or addition, so both hold the same doubles.
/// </summary>
public sealed class RankTestsTests
{
    private const double Relative = 1e-9;


    private static readonly double[] DocX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] DocY = [1.15, 0.88, 0.90, 0.74, 1.21];
    private static readonly double[] TiedX = [1, 2, 2, 3, 4, 5, 5, 6];
    private static readonly double[] TiedY = [2, 3, 3, 4, 7, 8, 8, 9, 9];
    private static readonly double[] Zeros = [0, 1.5, -2, 3, 4.5, 0, 6, -0.5, 7];
    private static readonly double[] TiedDifferences = [1, -1, 2, 2, 3, -4, 5, 5, 6];

    // R: x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46); y <- c(1.15, 0.88, 0.90, 0.74, 1.21)
    [TestCase(null, true, RankTestKind.Exact, 0.2544122544122544)] // R: wilcox.test(x, y)$p.value
    [TestCase(false, true, RankTestKind.Normal, 0.24462360512698336)] // R: wilcox.test(x, y, exact = FALSE)$p.value
    [TestCase(false, false, RankTestKind.Normal, 0.22067136191984679)] // R: wilcox.test(x, y, exact = FALSE, correct = FALSE)$p.value
    public void MannWhitney_NoTies_MatchesR(bool? exact, bool correction, RankTestKind kind, double expected)
    {
        var r = RankTests.MannWhitney(DocX, DocY, exact, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.W, Is.EqualTo(35)); // R: wilcox.test(x, y)$statistic
            Close(r.PValue, expected);
            Assert.That(r.Kind, Is.EqualTo(kind));
            Assert.That(r.HasTies, Is.False);
        });
    }

    [Test]
    public void MannWhitney_ExactUnequalSizesFarInTheTail_MatchesR()
    {
        var low = Sequence(30, i => i);
        var high = Sequence(20, i => i + 100);

        // R: wilcox.test((1:20) + 100, 1:30) and wilcox.test(1:30, (1:20) + 100): W = 600 and 0
        var above = RankTests.MannWhitney(high, low, null, true);
        var below = RankTests.MannWhitney(low, high, null, true);

        Assert.Multiple(() =>
        {
            Assert.That(above.W, Is.EqualTo(600));
            Assert.That(below.W, Is.EqualTo(0));
            Close(above.PValue, 4.2436525135348861e-14); // R: wilcox.test((1:20) + 100, 1:30)$p.value
            Close(below.PValue, 4.2436525135348861e-14); // R: wilcox.test(1:30, (1:20) + 100)$p.value
            Assert.That(above.Kind, Is.EqualTo(RankTestKind.Exact));
        });

        // R: wilcox.test((1:20) + 100, 1:30, exact = FALSE, correct = FALSE)$p.value
        Close(RankTests.MannWhitney(high, low, false, false).PValue, 2.8348699304881623e-09);
    }

    [Test]
    public void MannWhitney_StatisticAtTheMiddle_GivesOne()
    {
        // R: wilcox.test(c(1, 4), c(2, 3)): W = 2, p-value = 1
        var r = RankTests.MannWhitney([1.0, 4], [2.0, 3], null, true);

        Assert.That((r.W, r.PValue, r.Kind), Is.EqualTo((2.0, 1.0, RankTestKind.Exact)));
    }

    // R: x <- c(1, 2, 2, 3, 4, 5, 5, 6); y <- c(2, 3, 3, 4, 7, 8, 8, 9, 9)
    [TestCase(null, true, 0.099355091915518445)] // R: wilcox.test(x, y)$p.value (warns: ties)
    [TestCase(true, true, 0.099355091915518445)] // R: wilcox.test(x, y, exact = TRUE)$p.value (warns: ties)
    [TestCase(null, false, 0.089799093508291725)] // R: wilcox.test(x, y, correct = FALSE)$p.value (warns: ties)
    public void MannWhitney_Ties_UseTheNormalApproximation(bool? exact, bool correction, double expected)
    {
        var r = RankTests.MannWhitney(TiedX, TiedY, exact, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.W, Is.EqualTo(18.5)); // R: wilcox.test(x, y)$statistic
            Close(r.PValue, expected);
            Assert.That(r.Kind, Is.EqualTo(RankTestKind.Normal));
            Assert.That(r.HasTies, Is.True);
        });
    }

    // R: bx <- function(n) ((seq_len(n) * 7) %% 101) + 0.5; by <- function(n) (seq_len(n) * 11) %% 103
    [TestCase(49, 49, null, RankTestKind.Exact, 1149, 0.71827507441670013)] // R: wilcox.test(bx(49), by(49))
    [TestCase(50, 49, null, RankTestKind.Normal, 1173, 0.71852939421480844)] // R: wilcox.test(bx(50), by(49))
    [TestCase(49, 50, null, RankTestKind.Normal, 1179, 0.75015600406416671)] // R: wilcox.test(bx(49), by(50))
    [TestCase(50, 49, true, RankTestKind.Exact, 1173, 0.71970878036155239)] // R: wilcox.test(bx(50), by(49), exact = TRUE)
    public void MannWhitney_ExactBelowFiftyPerGroup_AsR(int nx, int ny, bool? exact, RankTestKind kind, double w, double expected)
    {
        var x = Sequence(nx, j => ((j * 7) % 101) + 0.5);
        var y = Sequence(ny, j => (j * 11) % 103);

        var r = RankTests.MannWhitney(x, y, exact, true);

        Assert.Multiple(() =>
        {
            Assert.That(r.W, Is.EqualTo(w));
            Close(r.PValue, expected);
            Assert.That(r.Kind, Is.EqualTo(kind));
        });
    }

    // R: i <- 1:2000; x <- ((i * 7) %% 1000) / 10; y <- ((i * 11) %% 1000) / 10 + shift
    [TestCase(2.5, true, 1901250, 0.0068504167079234913)] // R: wilcox.test(x, y)$p.value, shift 2.5
    [TestCase(8, true, 1692800, 4.0322554174289791e-17)] // R: wilcox.test(x, y)$p.value, shift 8
    [TestCase(25, true, 1125000, 7.2928774873324609e-127)] // R: wilcox.test(x, y)$p.value, shift 25
    [TestCase(25, false, 1125000, 7.2904813496462281e-127)] // R: wilcox.test(x, y, correct = FALSE)$p.value, shift 25
    public void MannWhitney_LargeTiedSamples_KeepTinyPValues(double shift, bool correction, double w, double expected)
    {
        var x = Sequence(2000, i => ((i * 7) % 1000) / 10.0);
        var y = Sequence(2000, i => (((i * 11) % 1000) / 10.0) + shift);

        var r = RankTests.MannWhitney(x, y, null, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.W, Is.EqualTo(w)); // R: wilcox.test(x, y)$statistic
            Close(r.PValue, expected);
            Assert.That(r.Kind, Is.EqualTo(RankTestKind.Normal));
            Assert.That(r.HasTies, Is.True);
        });
    }

    [Test]
    public void MannWhitney_ExactAskedOnTwoHundredAndTwoHundred_IsCounted()
    {
        var x = Sequence(200, j => ((j * 7) % 401) + 0.5);
        var y = Sequence(200, j => (j * 11) % 409);

        var r = RankTests.MannWhitney(x, y, true, true);

        Assert.Multiple(() =>
        {
            Assert.That(r.W, Is.EqualTo(19178)); // R: j <- 1:200; wilcox.test(((j * 7) %% 401) + 0.5, (j * 11) %% 409)$statistic
            Close(r.PValue, 0.47777483829610251); // R: wilcox.test(((j * 7) %% 401) + 0.5, (j * 11) %% 409, exact = TRUE)$p.value
            Assert.That(r.Kind, Is.EqualTo(RankTestKind.Exact));
            Assert.That(r.HasTies, Is.False);
        });
    }

    [Test]
    public void MannWhitney_AllTiedOrSingleValues_AsR()
    {
        // R: wilcox.test(c(1, 1), c(1, 1)): W = 2, p-value = NA (the variance is 0)
        var tied = RankTests.MannWhitney([1.0, 1], [1.0, 1], null, true);

        // R: wilcox.test(1, 2): W = 0, p-value = 1 (exact); wilcox.test(1, 1): W = 0.5, p-value = NA
        var single = RankTests.MannWhitney([1.0], [2.0], null, true);
        var singleTied = RankTests.MannWhitney([1.0], [1.0], null, true);

        Assert.Multiple(() =>
        {
            Assert.That((tied.W, tied.Kind, tied.HasTies), Is.EqualTo((2.0, RankTestKind.Normal, true)));
            Assert.That(tied.PValue, Is.NaN);
            Assert.That((single.W, single.PValue, single.Kind), Is.EqualTo((0.0, 1.0, RankTestKind.Exact)));
            Assert.That(singleTied.W, Is.EqualTo(0.5));
            Assert.That(singleTied.PValue, Is.NaN);
        });
    }

    // R: a <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30); b <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
    [TestCase(null, true, RankTestKind.Exact, 0.0390625)] // R: wilcox.test(a - b)$p.value (= wilcox.test(a, b, paired = TRUE))
    [TestCase(false, true, RankTestKind.Normal, 0.044010984012951455)] // R: wilcox.test(a - b, exact = FALSE)$p.value
    [TestCase(false, false, RankTestKind.Normal, 0.038151710173415156)] // R: wilcox.test(a - b, exact = FALSE, correct = FALSE)$p.value
    public void SignedRank_PairedDifferences_MatchesR(bool? exact, bool correction, RankTestKind kind, double expected)
    {
        double[] a = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] b = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        var d = a.Zip(b, (u, v) => u - v).ToArray();

        var r = RankTests.SignedRank(d, exact, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(40)); // R: wilcox.test(a - b)$statistic
            Close(r.PValue, expected);
            Assert.That((r.Kind, r.N, r.Zeros, r.HasTies), Is.EqualTo((kind, 9, 0, false)));
        });
    }

    [Test]
    public void SignedRank_ExactFarInTheTail_MatchesR()
    {
        var up = Sequence(40, i => i);
        var down = Sequence(40, i => -i);

        var above = RankTests.SignedRank(up, null, true);
        var below = RankTests.SignedRank(down, null, true);

        Assert.Multiple(() =>
        {
            Assert.That(above.V, Is.EqualTo(820)); // R: wilcox.test(as.double(1:40))$statistic
            Assert.That(below.V, Is.EqualTo(0)); // R: wilcox.test(-as.double(1:40))$statistic
            Close(above.PValue, 1.8189894035458565e-12); // R: wilcox.test(as.double(1:40))$p.value
            Close(below.PValue, 1.8189894035458565e-12); // R: wilcox.test(-as.double(1:40))$p.value
            Assert.That(above.Kind, Is.EqualTo(RankTestKind.Exact));
            Close(RankTests.SignedRank(up, false, true).PValue, 3.7082469167979142e-08); // R: wilcox.test(as.double(1:40), exact = FALSE)$p.value
        });
    }

    // R: d <- c(0, 1.5, -2, 3, 4.5, 0, 6, -0.5, 7)
    [TestCase(null, true, 0.10831938073000408)] // R: wilcox.test(d)$p.value (warns: zeroes)
    [TestCase(true, true, 0.10831938073000408)] // R: wilcox.test(d, exact = TRUE)$p.value (warns: zeroes)
    [TestCase(null, false, 0.090968947975357747)] // R: wilcox.test(d, correct = FALSE)$p.value (warns: zeroes)
    public void SignedRank_Zeros_AreDroppedAndForceNormal(bool? exact, bool correction, double expected)
    {
        var r = RankTests.SignedRank(Zeros, exact, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(24)); // R: wilcox.test(d)$statistic
            Close(r.PValue, expected);
            Assert.That((r.Kind, r.N, r.Zeros, r.HasTies), Is.EqualTo((RankTestKind.Normal, 7, 2, false)));
        });
    }

    // R: d <- c(1, -1, 2, 2, 3, -4, 5, 5, 6)
    [TestCase(null, true, 0.085006094466286458)] // R: wilcox.test(d)$p.value (warns: ties)
    [TestCase(true, true, 0.085006094466286458)] // R: wilcox.test(d, exact = TRUE)$p.value (warns: ties)
    [TestCase(null, false, 0.074791377586944166)] // R: wilcox.test(d, correct = FALSE)$p.value (warns: ties)
    public void SignedRank_Ties_UseTheNormalApproximation(bool? exact, bool correction, double expected)
    {
        var r = RankTests.SignedRank(TiedDifferences, exact, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(37.5)); // R: wilcox.test(d)$statistic
            Close(r.PValue, expected);
            Assert.That((r.Kind, r.N, r.Zeros, r.HasTies), Is.EqualTo((RankTestKind.Normal, 9, 0, true)));
        });
    }

    // R: bd <- function(n) { j <- seq_len(n); ((j * 7) %% 101 + 0.5) * ifelse(j %% 3 == 0, -1, 1) }
    [TestCase(49, false, null, RankTestKind.Exact, 834, 0.027015591145140409)] // R: wilcox.test(bd(49))
    [TestCase(50, false, null, RankTestKind.Normal, 877, 0.021047373160078073)] // R: wilcox.test(bd(50))
    [TestCase(50, false, true, RankTestKind.Exact, 877, 0.020120643634562892)] // R: wilcox.test(bd(50), exact = TRUE)
    [TestCase(60, false, true, RankTestKind.Exact, 1216, 0.026211958732737996)] // R: wilcox.test(bd(60), exact = TRUE)
    [TestCase(49, true, null, RankTestKind.Normal, 834, 0.027924023448212373)] // R: wilcox.test(c(bd(49), 0)) (warns: zeroes)
    public void SignedRank_ExactBelowFiftyNonZeroDifferences_AsR(int n, bool addZero, bool? exact, RankTestKind kind, double v, double expected)
    {
        var d = Sequence(n, j => (((j * 7) % 101) + 0.5) * (j % 3 == 0 ? -1 : 1));
        if (addZero)
        {
            d = [.. d, 0];
        }

        var r = RankTests.SignedRank(d, exact, true);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(v));
            Close(r.PValue, expected);
            Assert.That((r.Kind, r.N, r.Zeros), Is.EqualTo((kind, n, addZero ? 1 : 0)));
        });
    }

    // R: i <- 1:2000; d <- ((i * 7) %% 1000) / 10 - centre (two zeros, every other value twice)
    [TestCase(45, true, 1186551, 3.0686714847854783e-13)] // R: wilcox.test(d)$p.value, centre 45
    [TestCase(45, false, 1186551, 3.0682298650123556e-13)] // R: wilcox.test(d, correct = FALSE)$p.value, centre 45
    [TestCase(40, true, 1356601, 7.8345962838382201e-44)] // R: wilcox.test(d)$p.value, centre 40
    public void SignedRank_LargeSample_KeepsTinyPValues(double centre, bool correction, double v, double expected)
    {
        var d = Sequence(2000, i => (((i * 7) % 1000) / 10.0) - centre);

        var r = RankTests.SignedRank(d, null, correction);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(v)); // R: wilcox.test(d)$statistic
            Close(r.PValue, expected);
            Assert.That((r.Kind, r.N, r.Zeros, r.HasTies), Is.EqualTo((RankTestKind.Normal, 1998, 2, true)));
        });
    }

    // d_k = ((k * 7) mod 2003 + 0.5) * (k mod 3 == 0 ? -1 : 1), k = 1..n: no ties, no zeros. The references count the
    // distribution in long double (scripts/signrank-reference.c: gcc -O2 -o /tmp/signrank scripts/signrank-reference.c
    // && /tmp/signrank n). R's wilcox.test(d, exact = TRUE)$p.value agrees to 2e-13 for 800 and 1000
    // (6.9112666269908141e-17, 2.3183339459623452e-20: its counts are plain doubles) and gives NaN for 2000 (its
    // psignrank stops at 1,023 differences).
    [TestCase(800, 214095, 6.91126662699091467586e-17)]
    [TestCase(1000, 333668, 2.31833394596219032728e-20)]
    [TestCase(2000, 1334663, 3.10033639648213009536e-39)]
    public void SignedRank_ExactUpTo2000Differences_AsCounted(int n, double v, double expected)
    {
        var d = Sequence(n, k => (((k * 7) % 2003) + 0.5) * (k % 3 == 0 ? -1 : 1));

        var r = RankTests.SignedRank(d, true, true);

        Assert.Multiple(() =>
        {
            Assert.That(r.V, Is.EqualTo(v));
            Assert.That(r.PValue, Is.EqualTo(expected).Within(1e-11).Percent); // 1e-13 relative
            Assert.That((r.Kind, r.HasTies), Is.EqualTo((RankTestKind.Exact, false)));
        });
    }

    [Test]
    public void SignedRank_737PositiveDifferences_IsTwoToTheMinus736()
    {
        // The outside check's case (#21): x = 0.5, 1.0, ..., 368.5, all positive: V is the largest value, whose only
        // subset is all the ranks, so p = 2 · 2^-737 = 2^-736 exactly (Python: Decimal(2) ** -736 is
        // 2.76645233140903266541874095250E-222). R's wilcox.test(x, exact = TRUE)$p.value, 2.7664523314090059e-222,
        // is off by 1e-14 (its doubles summed); we used to fall back to the normal approximation past 736 (2.637e-122).
        var r = RankTests.SignedRank(Sequence(737, k => k * 0.5), true, true);

        Assert.Multiple(() =>
        {
            Assert.That(r.PValue, Is.EqualTo(Math.ScaleB(1.0, -736)));
            Assert.That(r.Kind, Is.EqualTo(RankTestKind.Exact));
        });
    }

    [Test]
    public void SignedRank_ExactAskedPast2000Differences_FallsBackToNormal()
    {
        var d = Sequence(2001, k => (((k * 7) % 2003) + 0.5) * (k % 3 == 0 ? -1 : 1));

        var r = RankTests.SignedRank(d, true, true);

        // R: k <- 1:2001; d <- ...; wilcox.test(d, exact = FALSE): V = 1334671, p 5.1834525610604553e-38 (R's exact
        // gives NaN here)
        Assert.Multiple(() =>
        {
            Assert.That((r.Kind, r.V), Is.EqualTo((RankTestKind.Normal, 1334671.0)));
            Close(r.PValue, 5.1834525610604553e-38);
        });
    }

    [Test]
    public void SignedRank_AllZeroOrOneDifference_AsR()
    {
        // R: wilcox.test(c(0, 0, 0)): V = 0, p-value = NA (warns: zeroes)
        var zeros = RankTests.SignedRank([0.0, 0, -0.0], null, true);

        // R: wilcox.test(2.5) and wilcox.test(-2.5): V = 1 and 0, p-value = 1 (exact)
        var up = RankTests.SignedRank([2.5], null, true);
        var down = RankTests.SignedRank([-2.5], null, true);

        Assert.Multiple(() =>
        {
            Assert.That((zeros.V, zeros.Kind, zeros.N, zeros.Zeros, zeros.HasTies), Is.EqualTo((0.0, RankTestKind.Normal, 0, 3, false)));
            Assert.That(zeros.PValue, Is.NaN);
            Assert.That((up.V, up.PValue, up.Kind, up.N), Is.EqualTo((1.0, 1.0, RankTestKind.Exact, 1)));
            Assert.That((down.V, down.PValue, down.Kind), Is.EqualTo((0.0, 1.0, RankTestKind.Exact)));
        });
    }

    [Test]
    public void KruskalWallis_NoTies_MatchesR()
    {
        // R: l <- list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0)); kruskal.test(l)
        var r = RankTests.KruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]);

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 0.77142857142857224); // R: kruskal.test(l)$statistic
            Assert.That(r.Df, Is.EqualTo(2)); // R: kruskal.test(l)$parameter
            Close(r.PValue, 0.67996477357889362); // R: kruskal.test(l)$p.value
            Close(r.MeanRanks, [7.2, 9, 6.6]); // R: tapply(rank(unlist(l)), rep(seq_along(l), lengths(l)), mean)
        });
    }

    [Test]
    public void KruskalWallis_TiesInFourUnequalGroups_MatchesR()
    {
        // R: l <- list(c(1,2,2,3,5), c(2,3,3,4,6,7), c(5,5,8,9), c(1,7,7,9,10,10,11)); kruskal.test(l)
        var r = RankTests.KruskalWallis([[1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 7], [5, 5, 8, 9], [1, 7, 7, 9, 10, 10, 11]]);

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 9.5080622146118809); // R: kruskal.test(l)$statistic
            Assert.That(r.Df, Is.EqualTo(3)); // R: kruskal.test(l)$parameter
            Close(r.PValue, 0.023245746499287533); // R: kruskal.test(l)$p.value
            Close(r.MeanRanks, [5.5, 9.1666666666666661, 14.375, 16.142857142857142]); // R: tapply(rank(unlist(l)), rep(seq_along(l), lengths(l)), mean)
        });
    }

    [Test]
    public void KruskalWallis_LargeTiedGroups_KeepTinyPValues()
    {
        // R: l <- list(((1:2000 * 7) %% 1000) / 10, ((1:1500 * 11) %% 1000) / 10 + 6, ((1:1000 * 13) %% 1000) / 10 + 12); kruskal.test(l)
        var r = RankTests.KruskalWallis(
        [
            Sequence(2000, i => ((i * 7) % 1000) / 10.0),
            Sequence(1500, i => (((i * 11) % 1000) / 10.0) + 6),
            Sequence(1000, i => (((i * 13) % 1000) / 10.0) + 12),
        ]);

        Assert.Multiple(() =>
        {
            Close(r.Statistic, 105.54121420014621); // R: kruskal.test(l)$statistic
            Assert.That(r.Df, Is.EqualTo(2));
            Close(r.PValue, 1.2078598067826234e-23); // R: kruskal.test(l)$p.value
            Close(r.MeanRanks, [2062.2624999999998, 2284.9520000000002, 2575.297]); // R: tapply(rank(unlist(l)), rep(seq_along(l), lengths(l)), mean)
        });
    }

    [Test]
    public void KruskalWallis_TwoSmallGroupsAndAllTied_AsR()
    {
        // R: kruskal.test(list(c(1, 2), 3)): chi-squared = 1.5, df = 1
        var small = RankTests.KruskalWallis([[1, 2], [3]]);

        // R: kruskal.test(list(c(1, 1), c(1, 1, 1))): chi-squared = NaN, df = 1, p-value = NA
        var tied = RankTests.KruskalWallis([[1, 1], [1, 1, 1]]);

        Assert.Multiple(() =>
        {
            Close(small.Statistic, 1.5);
            Close(small.PValue, 0.22067136191984676); // R: kruskal.test(list(c(1, 2), 3))$p.value
            Close(small.MeanRanks, [1.5, 3]);
            Assert.That(tied.Statistic, Is.NaN);
            Assert.That(tied.PValue, Is.NaN);
            Assert.That(tied.Df, Is.EqualTo(1));
            Assert.That(tied.MeanRanks, Is.EqualTo(new[] { 3.0, 3.0 }));
        });
    }

    [Test]
    public void KruskalWallis_TiesCountedOnFifteenDigits_AsR()
    {
        // R ranks 0.1 + 0.2 above 0.3 but its ties correction (table(x)) shows both as "0.3", one tie group.
        var printedAlike = RankTests.KruskalWallis([[0.1 + 0.2, 1], [0.3, 2, 5]]);
        var equal = RankTests.KruskalWallis([[0.3, 1], [0.3, 2, 5]]);

        Assert.Multiple(() =>
        {
            Close(printedAlike.Statistic, 0.3508771929824549); // R: kruskal.test(list(c(0.1 + 0.2, 1), c(0.3, 2, 5)))$statistic
            Close(printedAlike.PValue, 0.55361699196578107); // R: kruskal.test(list(c(0.1 + 0.2, 1), c(0.3, 2, 5)))$p.value
            Close(equal.Statistic, 0.78947368421052633); // R: kruskal.test(list(c(0.3, 1), c(0.3, 2, 5)))$statistic
            Close(equal.PValue, 0.37425931928022454); // R: kruskal.test(list(c(0.3, 1), c(0.3, 2, 5)))$p.value
        });
    }

    [Test]
    public void ExactDistributions_MatchPwilcoxAndPsignrank()
    {
        Assert.Multiple(() =>
        {
            // R: pwilcox(c(0, 3, 10, 35, 600, 599), 20, 30)
            Close(WilcoxonDistributions.RankSumLower(0, 20, 30), 2.1218262567674431e-14);
            Close(WilcoxonDistributions.RankSumLower(3, 20, 30), 1.4852783797372103e-13);
            Close(WilcoxonDistributions.RankSumLower(10, 30, 20), 2.9493384969067464e-12);
            Close(WilcoxonDistributions.RankSumLower(35, 20, 30), 1.6838600991080754e-09);
            Close(WilcoxonDistributions.RankSumLower(600, 20, 30), 1);
            Close(WilcoxonDistributions.RankSumLower(599, 20, 30), 9.9999999999997879e-01);

            // R: pwilcox(c(0, 10, 1000, 4999, 5000, 5001), 100, 100)
            Close(WilcoxonDistributions.RankSumLower(0, 100, 100), 1.1043803465997578e-59);
            Close(WilcoxonDistributions.RankSumLower(10, 100, 100), 1.5350886817736634e-57);
            Close(WilcoxonDistributions.RankSumLower(1000, 100, 100), 2.8723550143618894e-27);
            Close(WilcoxonDistributions.RankSumLower(4999, 100, 100), 4.9951371413271112e-01);
            Close(WilcoxonDistributions.RankSumLower(5000, 100, 100), 5.0048628586729493e-01);
            Close(WilcoxonDistributions.RankSumLower(5001, 100, 100), 5.0145885472478158e-01);

            // R: psignrank(c(0, 5, 100, 400, 819), 40)
            Close(WilcoxonDistributions.SignedRankLower(0, 40), 9.0949470177292824e-13);
            Close(WilcoxonDistributions.SignedRankLower(5, 40), 9.0949470177292824e-12);
            Close(WilcoxonDistributions.SignedRankLower(100, 40), 4.0763798097032122e-06);
            Close(WilcoxonDistributions.SignedRankLower(400, 40), 4.4975756522308075e-01);
            Close(WilcoxonDistributions.SignedRankLower(819, 40), 9.9999999999909051e-01);
        });
    }

    [Test]
    public void ExactDistributions_OfLargeSamples_MatchPwilcox()
    {
        Assert.Multiple(() =>
        {
            // R: pwilcox(c(8000, 9500, 10500), 144, 151) (R takes over a second; the product form a few milliseconds)
            Close(WilcoxonDistributions.RankSumLower(8000, 144, 151), 3.9674883146266722e-05);
            Close(WilcoxonDistributions.RankSumLower(9500, 144, 151), 0.030520509290276783);
            Close(WilcoxonDistributions.RankSumLower(10500, 151, 144), 0.30623383553225864);

            // R: pwilcox(c(5000, 15000, 19999), 200, 200) (about ten seconds and gigabytes in R)
            Close(WilcoxonDistributions.RankSumLower(5000, 200, 200), 3.023777933277056e-45);
            Close(WilcoxonDistributions.RankSumLower(15000, 200, 200), 6.7923991441034344e-06);
            Close(WilcoxonDistributions.RankSumLower(19999, 200, 200), 0.49982766282662328);
        });
    }

    [Test]
    public void ExactRankSumDistribution_OfOneAgainstTwoMillion_IsUniform()
    {
        // One x among n y's: W is uniform on 0..n, so P(W ≤ k) = (k + 1)/(n + 1) exactly. A million terms summed: the
        // running sum must keep its digits (in plain doubles it was off by 1e-11 here).
        Assert.Multiple(() =>
        {
            foreach (var k in new[] { 0, 999, 123_456, 999_999, 1_000_000 })
            {
                var expected = (k + 1.0) / 2_000_001;
                Assert.That(WilcoxonDistributions.RankSumLower(k, 1, 2_000_000), Is.EqualTo(expected).Within(2e-15 * expected), $"k = {k}");
            }
        });
    }

    [TestCase(330, 400)]
    [TestCase(584, 584)]
    [TestCase(150, 1300)]
    public void ExactRankSumDistribution_IsSymmetric_AtTheWorkLimit(int m, int n)
    {
        // P(W ≤ h − 1) + P(W = h) + P(W ≥ h + 1) = 1 with the two tails equal (h = mn/2; for odd mn, 2 P(W ≤ ⌊mn/2⌋) = 1).
        // The middle is where the product form subtracts nearly equal numbers: in plain doubles this was off by 1.5e-5
        // at 330 and 400 and by 2.6e-4 at 584 and 584.
        Assert.That(WilcoxonDistributions.IsRankSumTractable(m, n), Is.True);
        var h = m * n / 2;
        var total = m * n % 2 == 0
            ? WilcoxonDistributions.RankSumLower(h - 1, m, n) + WilcoxonDistributions.RankSumLower(h, m, n)
            : 2 * WilcoxonDistributions.RankSumLower(h, m, n);

        Assert.That(total, Is.EqualTo(1).Within(1e-13));
    }

    [Test]
    public void MannWhitney_ExactOnLargeSamples_MatchesR_AndPastTheLimitFallsBackToNormal()
    {
        var x = Sequence(144, i => (i * 7919 % 10007) / 7.0);
        var y = Sequence(151, i => ((i * 104729 % 10009) / 7.0) + 300.3);

        var exact = RankTests.MannWhitney(x, y, exact: true, correction: true);
        var past = RankTests.MannWhitney(Sequence(600, i => i * 2.0), Sequence(600, i => (i * 2.0) + 1), exact: true, correction: true);

        Assert.Multiple(() =>
        {
            // R: x <- ((1:144) * 7919) %% 10007 / 7; y <- ((1:151) * 104729) %% 10009 / 7 + 300.3
            //    wilcox.test(x, y, exact = TRUE)   (W = 6929; exact = FALSE gives 7.3141734212517372e-08)
            Assert.That(exact.W, Is.EqualTo(6929));
            Assert.That(exact.Kind, Is.EqualTo(RankTestKind.Exact));
            Close(exact.PValue, 4.7944747154469248e-08);

            Assert.That(WilcoxonDistributions.IsRankSumTractable(600, 600), Is.False);

            // Very unequal samples pass the work limit but would hold millions of coefficients: 4 and 5,000,000 would
            // be 10 million (240 MB); the coefficients are capped at 2^20.
            Assert.That(WilcoxonDistributions.IsRankSumTractable(4, 5_000_000), Is.False);
            Assert.That(WilcoxonDistributions.IsRankSumTractable(1, 2_000_000), Is.True);
            Assert.That(WilcoxonDistributions.IsRankSumTractable(1, 2_100_000), Is.False);
            Assert.That(past.Kind, Is.EqualTo(RankTestKind.Normal));
        });
    }

    [Test]
    public void MillionValues_NormalPath_MatchR()
    {
        var x = Sequence(500_000, i => ((i * 7) % 1000) / 10.0);
        var y = Sequence(500_000, i => (((i * 13) % 1000) / 10.0) + 0.3);
        var d = Sequence(1_000_000, i => (((i * 7) % 1000) / 10.0) - 49.8);
        double[][] groups =
        [
            Sequence(400_000, i => ((i * 7) % 1000) / 10.0),
            Sequence(300_000, i => (((i * 11) % 1000) / 10.0) + 0.2),
            Sequence(200_000, i => (((i * 13) % 1000) / 10.0) + 0.1),
            Sequence(100_000, i => ((i * 17) % 1000) / 10.0),
        ];

        var rankSum = RankTests.MannWhitney(x, y, null, true);
        var signedRank = RankTests.SignedRank(d, null, true);
        var kruskal = RankTests.KruskalWallis(groups);

        Assert.Multiple(() =>
        {
            // R: h <- 1:500000; wilcox.test(((h * 7) %% 1000) / 10, ((h * 13) %% 1000) / 10 + 0.3)
            Assert.That(rankSum.W, Is.EqualTo(124269875000));
            Close(rankSum.PValue, 4.2266952521684772e-07);

            // R: m <- 1:1000000; wilcox.test(((m * 7) %% 1000) / 10 - 49.8)
            Assert.That(signedRank.V, Is.EqualTo(251174750500));
            Close(signedRank.PValue, 6.3041707086031486e-09);

            // R: l <- list(((1:400000 * 7) %% 1000) / 10, ((1:300000 * 11) %% 1000) / 10 + 0.2,
            //              ((1:200000 * 13) %% 1000) / 10 + 0.1, ((1:100000 * 17) %% 1000) / 10); kruskal.test(l)
            Close(kruskal.Statistic, 9.7535259763764959);
            Close(kruskal.PValue, 0.020781744021543355);
            Close(kruskal.MeanRanks, [499182.54999999999, 501256.25, 500161.75, 499182.54999999999]);
        });
    }

    [Test]
    public void EmptyOrNaNInput_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RankTests.MannWhitney([], [1.0], null, true), Throws.ArgumentException);
            Assert.That(() => RankTests.MannWhitney([1.0], [], null, true), Throws.ArgumentException);
            Assert.That(() => RankTests.MannWhitney([1.0, double.NaN], [2.0], null, true), Throws.ArgumentException);
            Assert.That(() => RankTests.SignedRank([], null, true), Throws.ArgumentException);
            Assert.That(() => RankTests.SignedRank([1.0, double.NaN], null, true), Throws.ArgumentException);
            Assert.That(() => RankTests.KruskalWallis([[1.0, 2]]), Throws.ArgumentException);
            Assert.That(() => RankTests.KruskalWallis([[1.0, 2], []]), Throws.ArgumentException.With.Message.Contains("Group 2 is empty"));
            Assert.That(() => RankTests.KruskalWallis([[1.0, 2], [double.NaN]]), Throws.ArgumentException);
        });
    }

    private static double[] Sequence(int count, Func<int, double> value)
    {
        var values = new double[count];
        for (var i = 1; i <= count; i++)
        {
            values[i - 1] = value(i);
        }

        return values;
    }

    private static void Close(double actual, double expected) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Relative * Math.Abs(expected)));

    private static void Close(double[] actual, double[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Close(actual[i], expected[i]);
        }
    }
}
