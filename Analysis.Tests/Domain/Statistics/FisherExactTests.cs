using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain.Statistics;

/// <summary>Fisher's exact test against R 4.2.2's fisher.test (the R call for each expected value is beside it).</summary>
public sealed class FisherExactTests
{
    // R's uniroot default tolerance, .Machine$double.eps^0.25: the accuracy of fisher.test's printed estimate and limits
    // on the scale it solves on (ψ when ψ < 1, 1/ψ otherwise).
    private const double UnirootTolerance = 1.220703125e-4;

    // The table [[a, b], [c, d]] and the level; then, from R:
    //   p                = fisher.test(matrix(c(a, c, b, d), 2), conf.level = level)$p.value
    //   or, low, high    = R's own fisher.test with its uniroot solved to full precision (the root R's equations define):
    //                        tight <- function(x, conf.level) { f <- fisher.test; environment(f) <- list2env(list(
    //                          uniroot = function(...) stats::uniroot(..., tol = 1e-15, maxiter = 10000)),
    //                          parent = asNamespace("stats")); f(x, conf.level = conf.level) }
    //                        tight(matrix(c(a, c, b, d), 2), level)$estimate and $conf.int
    //   rOr, rLow, rHigh = fisher.test(matrix(c(a, c, b, d), 2), conf.level = level)$estimate and $conf.int, which stop at
    //                      uniroot's default tolerance (up to 16 % off in ψ for (1, 30, 25, 2)'s lower limit): compared
    //                      on uniroot's own scale within that tolerance.
    [TestCase(3, 1, 1, 3, 0.95, 0.48571428571428582, 6.4083196581996713, 0.21173559544657847, 626.24353058881354, 6.4083088670057879, 0.21173291530550292, 621.9337505454173)]
    [TestCase(3, 1, 1, 3, 0.99, 0.48571428571428582, 6.4083196581996713, 0.096511081307906768, 3186.2487256742138, 6.4083088670057879, 0.096524466977798304, 2991.0735018390869)]
    [TestCase(12, 5, 3, 18, 0.95, 0.00069646955075208707, 13.132186925462255, 2.3693140749512303, 102.86778673948852, 13.132062715025672, 2.3693539195465609, 102.83899419505151)]
    [TestCase(12, 5, 3, 18, 0.99, 0.00069646955075208707, 13.132186925462255, 1.5679869455822126, 197.9905342290748, 13.132062715025672, 1.5679977939153564, 197.5815486650537)]
    [TestCase(2, 5, 5, 2, 0.95, 0.28613053613053607, 0.18597493504932883, 0.0090466281587315671, 2.4113457187332337, 0.18597483357089789, 0.0090253655191288758, 2.4114767973923015)]
    [TestCase(10, 1, 1, 10, 0.95, 0.0003458873427913679, 63.04266846742599, 4.1071359083856338, 4743.9159152815, 63.012808565623565, 4.1071160847034154, 4517.6298824072583)]
    [TestCase(1, 30, 25, 2, 0.95, 4.9245246512898274e-13, 0.003634126704570534, 6.3125443690960847e-05, 0.037184803081477709, 0.0036271528985217464, 7.3085305187121379e-05, 0.037181309831278264)]
    [TestCase(1200, 800, 950, 1100, 0.95, 3.2072624828596157e-18, 1.7366024393350703, 1.530241711338294, 1.9713571898035329, 1.736631990747745, 1.5302346499971986, 1.9713499209024885)]
    [TestCase(1200, 800, 950, 1100, 0.99, 3.2072624828596157e-18, 1.7366024393350703, 1.4716586303855816, 2.0503854660423935, 1.736631990747745, 1.4716597487154659, 2.050378950129689)]
    // A zero cell at the smallest value the margins allow: odds ratio 0, lower limit 0.
    [TestCase(0, 7, 5, 4, 0.95, 0.033653846153846152, 0, 0, 1.0666864054906029, 0, 0, 1.0666776621073157)]
    [TestCase(0, 7, 5, 4, 0.99, 0.033653846153846152, 0, 0, 2.0131761305102907, 0, 0, 2.0131881563762053)]
    [TestCase(0, 5, 5, 0, 0.95, 0.0079365079365079395, 0, 0, 0.43534120574505564, 0, 0, 0.43532263904958263)]
    // A zero cell at the largest value: odds ratio Inf, upper limit Inf.
    [TestCase(6, 0, 2, 5, 0.95, 0.020979020979020976, double.PositiveInfinity, 1.2110121605499713, double.PositiveInfinity, double.PositiveInfinity, 1.2109882625975199, double.PositiveInfinity)]
    // An empty row: one possible table, p = 1, estimate 0 (R tests x == lo first), interval [0, Inf].
    [TestCase(0, 0, 3, 4, 0.95, 1, 0, 0, double.PositiveInfinity, 0, 0, double.PositiveInfinity)]
    public void TwoByTwo_MatchesR(int a, int b, int c, int d, double level, double p, double or, double low, double high, double rOr, double rLow, double rHigh)
    {
        var result = FisherExact.TwoByTwo(a, b, c, d, level);

        Assert.Multiple(() =>
        {
            Assert.That(result.PValue, Is.EqualTo(p).Within(1e-9 * p), "p-value");
            AssertRelative(result.OddsRatio, or, "odds ratio");
            AssertRelative(result.ConfidenceLow, low, "lower limit");
            AssertRelative(result.ConfidenceHigh, high, "upper limit");
            AssertOnUnirootScale(result.OddsRatio, rOr, "odds ratio as R prints it");
            AssertOnUnirootScale(result.ConfidenceLow, rLow, "lower limit as R prints it");
            AssertOnUnirootScale(result.ConfidenceHigh, rHigh, "upper limit as R prints it");
        });
    }

    [Test]
    public void TwoByTwo_InvalidArguments_Throw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => FisherExact.TwoByTwo(-1, 2, 3, 4, 0.95), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => FisherExact.TwoByTwo(1, 2, 3, 4, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => FisherExact.TwoByTwo(1, 2, 3, 4, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => FisherExact.TwoByTwo(1, 2, 3, 4, double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    private static IEnumerable<TestCaseData> RByCTables()
    {
        // R: fisher.test(matrix(c(12,5,9, 7,15,4, 10,11,27), 3, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 12, 5, 9 }, { 7, 15, 4 }, { 10, 11, 27 } }, 0.00096123385026774969).SetName("RByC_3x3_n100");
        // R's own example, ?fisher.test: Job <- matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4); fisher.test(Job)$p.value
        yield return new TestCaseData(new[,] { { 1, 3, 10, 6 }, { 2, 3, 10, 7 }, { 1, 6, 14, 12 }, { 0, 1, 9, 11 } }, 0.78268493896563884).SetName("RByC_JobSatisfaction_4x4_n96");
        // R: fisher.test(matrix(c(3,2,1, 7,8,9), 2, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 3, 2, 1 }, { 7, 8, 9 } }, 0.84653277756728096).SetName("RByC_2x3_n30");
        // R: fisher.test(matrix(c(2,0,3,5, 4,6,1,2, 0,3,4,1), 3, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 2, 0, 3, 5 }, { 4, 6, 1, 2 }, { 0, 3, 4, 1 } }, 0.020339672026907611).SetName("RByC_3x4_n31");
        // R: fisher.test(matrix(c(20,25,18,30,12, 22,15,28,10,20), 2, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 20, 25, 18, 30, 12 }, { 22, 15, 28, 10, 20 } }, 0.002400603629628927).SetName("RByC_2x5_n200");
        // R: fisher.test(matrix(c(5,2,3,4, 1,6,2,3, 4,3,5,1, 2,4,3,12), 4, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 5, 2, 3, 4 }, { 1, 6, 2, 3 }, { 4, 3, 5, 1 }, { 2, 4, 3, 12 } }, 0.055101910610222966).SetName("RByC_4x4_n60");
        // R: fisher.test(matrix(c(4,5,7,5,8, 3,9,2,2,6, 3,4,7,4,6, 3,7,4,7,4), 4, byrow = TRUE))$p.value (0.33 s in R)
        yield return new TestCaseData(new[,] { { 4, 5, 7, 5, 8 }, { 3, 9, 2, 2, 6 }, { 3, 4, 7, 4, 6 }, { 3, 7, 4, 7, 4 } }, 0.66522064347068932).SetName("RByC_4x5_n100");
        // A row with zero total is dropped, as R's result shows:
        // R: fisher.test(matrix(c(3,2,1, 0,0,0, 7,8,9), 3, byrow = TRUE))$p.value
        yield return new TestCaseData(new[,] { { 3, 2, 1 }, { 0, 0, 0 }, { 7, 8, 9 } }, 0.84653277756728096).SetName("RByC_ZeroRow_IsDropped");
        // One non-empty row left: a single possible table. R: fisher.test(matrix(c(0,3,0,4), 2))$p.value
        yield return new TestCaseData(new[,] { { 0, 0 }, { 3, 4 } }, 1.0).SetName("RByC_OneRowLeft_IsOne");
    }

    [TestCaseSource(nameof(RByCTables))]
    public void RByC_MatchesR(int[,] table, double expected)
    {
        var p = FisherExact.RByC(table, 50_000_000);

        Assert.That(p, Is.Not.Null);
        Assert.That(p!.Value, Is.EqualTo(expected).Within(1e-6 * expected));
    }

    [TestCase(12, 5, 3, 18)]
    [TestCase(3, 1, 1, 3)]
    [TestCase(2, 5, 5, 2)]
    [TestCase(0, 5, 5, 0)]
    [TestCase(1200, 800, 950, 1100)]
    public void RByC_OnTwoByTwo_EqualsTwoByTwo(int a, int b, int c, int d)
    {
        var network = FisherExact.RByC(new[,] { { a, b }, { c, d } }, 50_000_000);
        var direct = FisherExact.TwoByTwo(a, b, c, d, 0.95).PValue;

        Assert.That(network, Is.Not.Null);
        Assert.That(network!.Value, Is.EqualTo(direct).Within(1e-10 * direct));
    }

    [Test]
    public void RByC_LargeTable_GivesUpWithinTheBound()
    {
        // 10 × 10 with n = 1000: R's fisher.test(matrix(10L, 10, 10)) stops with "FEXACT error 5 ... hash table key
        // cannot be computed"; here the bound stops it instead of letting it run for hours.
        var table = new int[10, 10];
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                table[i, j] = 10;
            }
        }

        var p = FisherExact.RByC(table, 2_000_000);

        Assert.That(p, Is.Null, "gives up at the bound instead of running on");
    }

    [Test]
    public void RByC_BoundTooSmallForTheTable_ReturnsNullAndLargerBoundSucceeds()
    {
        var job = new[,] { { 1, 3, 10, 6 }, { 2, 3, 10, 7 }, { 1, 6, 14, 12 }, { 0, 1, 9, 11 } };

        Assert.Multiple(() =>
        {
            Assert.That(FisherExact.RByC(job, 1_000), Is.Null);
            Assert.That(FisherExact.RByC(job, 50_000_000), Is.EqualTo(0.78268493896563884).Within(1e-6 * 0.78268493896563884));
        });
    }

    [Test]
    public void RByC_InvalidTables_Throw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => FisherExact.RByC(new[,] { { 1, 2, 3 } }, 1_000), Throws.ArgumentException);
            Assert.That(() => FisherExact.RByC(new[,] { { 1, -2 }, { 3, 4 } }, 1_000), Throws.ArgumentException);
        });
    }

    private static void AssertRelative(double? actual, double expected, string what)
    {
        Assert.That(actual, Is.Not.Null, what);
        if (double.IsInfinity(expected) || expected == 0)
        {
            Assert.That(actual, Is.EqualTo(expected), what);
        }
        else
        {
            Assert.That(actual!.Value, Is.EqualTo(expected).Within(1e-9 * expected), what);
        }
    }

    /// <summary>Compares on the scale R's uniroot solves on: ψ when below 1, 1/ψ otherwise (0 for an infinite ψ).</summary>
    private static void AssertOnUnirootScale(double? actual, double fromR, string what)
    {
        static double Scale(double psi) => psi < 1 ? psi : 1 / psi;

        Assert.That(actual, Is.Not.Null, what);
        Assert.That(Scale(actual!.Value), Is.EqualTo(Scale(fromR)).Within(UnirootTolerance), what);
    }
}
