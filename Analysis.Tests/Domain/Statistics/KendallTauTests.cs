using Analysis.Domain.Statistics;

namespace Analysis.Tests.Domain.Statistics;

/// <summary>
/// Kendall's tau-b and its test against R 4.2.2's cor.test(x, y, method = "kendall") (two-sided; the R call for each
/// expected value is beside it).
/// </summary>
public sealed class KendallTauTests
{
    private static IEnumerable<TestCaseData> ExactCases()
    {
        // set.seed(10); x <- sample(10); y <- sample(10)
        // R: r <- cor.test(x, y, method = "kendall"); r$estimate; r$p.value; r$statistic (T)
        yield return new TestCaseData(
            new double[] { 9, 7, 8, 6, 3, 2, 10, 5, 4, 1 },
            new double[] { 8, 7, 6, 9, 3, 2, 1, 4, 10, 5 },
            0.066666666666666666, 0.86180059523809516, 24.0).SetName("Exact_n10");

        // set.seed(30); x <- sample(30); y <- round(x + rnorm(30, 0, 8), 3); same call
        yield return new TestCaseData(
            new double[] { 10, 29, 18, 14, 13, 12, 30, 24, 19, 4, 16, 17, 3, 22, 27, 1, 8, 15, 21, 28, 11, 26, 5, 9, 7, 6, 25, 20, 23, 2 },
            new[]
            {
                8.186, 24.211, 20.457, 13.702, 16.97, 7.213, 22.206, 16.281, 17.245, 13.63, 4.705, 25.292, -7.468, 23.33, 29.226,
                -5.735, 26.179, 0.816, 23.564, 25.886, 20.49, 15.51, 4.692, 15.614, -3.336, -7.355, 27.466, 11.16, 26.173, 22.755,
            },
            0.43908045977011501, 0.00048749523007263207, 313.0).SetName("Exact_n30");

        // set.seed(49); x <- round(rnorm(49), 4); y <- round(x + rnorm(49), 4); same call
        yield return new TestCaseData(
            new[]
            {
                -0.3433, -0.6134, -1.6869, -0.6128, 0.0764, -0.6528, -1.1441, 2.1929, 0.3976, -0.0661, -0.5486, -0.0472, -1.131,
                1.1604, 1.6028, 0.4517, -1.2864, -1.4685, 1.2644, 0.266, 0.1503, -0.7933, 1.0206, 2.1089, 2.1141, 2.6106, -0.23,
                0.6204, 1.0652, 1.1805, -0.2993, -2.6651, 0.3582, -0.4997, -0.6484, -1.9376, -0.1044, -0.2515, -0.9123, -0.0137,
                -2.1245, 0.1462, -2.6537, 0.4838, 0.3405, 0.8639, 1.6145, -0.0101, -0.432,
            },
            new[]
            {
                -1.011, -0.9647, -2.4837, -0.722, -0.0625, -0.134, -2.23, 2.1796, 1.1361, -2.5362, -1.0823, -0.5936, -3.0562,
                1.7727, 0.3368, -1.4757, -2.5582, 0.0284, 0.0453, 1.2984, 0.3093, 0.3681, 1.1545, 2.2519, 1.0098, 2.493, -0.3469,
                -0.1011, 1.9616, 3.0708, -0.4964, -2.4808, 0.1371, 1.257, -0.347, -2.5423, 0.4893, 0.0706, -0.9645, 0.5076,
                -2.843, -0.9558, -1.4564, 0.406, -0.0167, -0.544, 0.4742, -0.3877, -0.2677,
            },
            0.54931972789115646, 3.4802991599747202e-09, 911.0).SetName("Exact_n49");

        // R: cor.test(1:10, 1:10, method = "kendall"): p = 5.5114638453090947e-07 (2/10! = 5.5114638447971777e-07; R's
        // 1 − pkendall(44, 10) is 1e-10 off, well inside the tolerance).
        yield return new TestCaseData(
            Enumerable.Range(1, 10).Select(v => (double)v).ToArray(),
            Enumerable.Range(1, 10).Select(v => (double)v).ToArray(),
            1.0, 5.5114638453090947e-07, 45.0).SetName("Exact_PerfectConcordance_n10");

        // R: cor.test(1:20, 20:1, method = "kendall")
        yield return new TestCaseData(
            Enumerable.Range(1, 20).Select(v => (double)v).ToArray(),
            Enumerable.Range(1, 20).Select(v => (double)(21 - v)).ToArray(),
            -1.0, 8.2206352466243297e-19, 0.0).SetName("Exact_PerfectDiscordance_n20");
    }

    [TestCaseSource(nameof(ExactCases))]
    public void Test_WithoutTiesBelow50_IsExactAsR(double[] x, double[] y, double tau, double p, double t)
    {
        var result = KendallTau.Test(x, y, exact: null);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exact, Is.True);
            Assert.That(result.Tau, Is.EqualTo(tau).Within(1e-12));
            Assert.That(result.PValue, Is.EqualTo(p).Within(1e-6 * p));
            Assert.That(result.Statistic, Is.EqualTo(t));
        });
    }

    [Test]
    public void Test_PerfectConcordanceOf49_KeepsTheExactTail()
    {
        // R: cor.test(1:49, 1:49, method = "kendall")$p.value is 3.1086244689504383e-15, the rounding residue of
        // 1 − pkendall(1175, 49); the exact value is 2/49! (R: 2 / factorial(49) = 3.2879494166331581e-63, and R's own
        // exact distribution read at the mirror image, 2 * .Call(stats:::C_pKendall, 0, 49), gives the same).
        var x = Enumerable.Range(1, 49).Select(v => (double)v).ToArray();

        var result = KendallTau.Test(x, x, exact: null);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exact, Is.True);
            Assert.That(result.Tau, Is.EqualTo(1));
            Assert.That(result.Statistic, Is.EqualTo(1176));
            Assert.That(result.PValue, Is.EqualTo(3.2879494166331581e-63).Within(1e-6 * 3.2879494166331581e-63));
        });
    }

    [Test]
    public void Test_ExactRequestedAbove50_IsExactAsR()
    {
        // set.seed(60); x <- sample(60); y <- x + sample(60); y <- rank(y + (1:60)/1000)
        // R: cor.test(x, y, method = "kendall", exact = TRUE): tau 0.57175141242937855, T 1391, p.value
        // 4.8361314952671819e-12 — but that is 2·(1 − pkendall(1390, 60)), which has lost 1.4 % to cancellation. R's
        // same exact distribution read at the mirror image, T ≤ 1770 − 1391 (no subtraction), gives the p-value used:
        // R: 2 * .Call(stats:::C_pKendall, 1770 - 1391, 60) = 4.7694079798723798e-12
        double[] x =
        [
            51, 16, 2, 37, 26, 52, 32, 34, 42, 38, 57, 1, 8, 19, 41, 58, 40, 36, 55, 48, 31, 15, 35, 5, 3, 53, 45, 14, 10, 11,
            47, 6, 39, 50, 24, 33, 17, 7, 21, 43, 13, 23, 20, 30, 28, 60, 56, 59, 44, 27, 22, 46, 4, 49, 29, 9, 25, 18, 54, 12,
        ];
        double[] y =
        [
            59, 12, 6, 16, 26, 37, 24, 52, 25, 38, 43, 27, 9, 31, 48, 50, 22, 34, 57, 46, 40, 5, 55, 19, 3, 41, 56, 2, 7, 13,
            51, 18, 28, 29, 35, 47, 21, 1, 10, 54, 23, 44, 39, 42, 17, 58, 45, 53, 32, 11, 30, 36, 20, 60, 33, 8, 14, 15, 49, 4,
        ];

        var result = KendallTau.Test(x, y, exact: true);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exact, Is.True);
            Assert.That(result.Tau, Is.EqualTo(0.57175141242937855).Within(1e-12));
            Assert.That(result.PValue, Is.EqualTo(4.7694079798723798e-12).Within(1e-6 * 4.7694079798723798e-12));
            Assert.That(result.Statistic, Is.EqualTo(1391));
        });
    }

    private static IEnumerable<TestCaseData> NormalCases()
    {
        // n = 50 without ties: R's default is the normal approximation from n = 50 on.
        // set.seed(50); x <- round(rnorm(50), 4); y <- round(x + rnorm(50, 0, 2), 4)
        // R: r <- cor.test(x, y, method = "kendall"); r$estimate; r$p.value; r$statistic (z)
        yield return new TestCaseData(
            new[]
            {
                0.5497, -0.8416, 0.033, 0.5241, -1.7276, -0.2779, 0.3608, -0.5909, 0.9756, -1.4457, 0.2952, 0.5548, -0.4986,
                0.1957, -0.4555, -0.3629, -0.1568, -0.7653, -1.166, -0.3234, -0.3499, -0.5869, -1.5899, 1.6896, 0.5636, 2.6676,
                0.3565, -0.3621, 0.5687, 0.0287, 0.199, -0.8514, -1.1304, 0.5972, -1.096, 0.0191, 0.4162, 1.8397, 0.4062, 0.3932,
                0.1096, -0.4134, 0.1118, -2.8923, 0.0953, 0.4999, 0.9494, -1.6584, -1.4816, -0.4907,
            },
            new[]
            {
                0.5792, -0.1663, -3.8988, -4.1174, 0.264, 2.056, -1.3695, -3.3728, -1.6897, -1.7234, 0.9306, 0.7414, -0.423,
                -1.0723, -3.3199, -1.0799, 1.5817, -3.3394, -0.9494, -2.1843, -0.1418, -1.8701, -4.9174, 2.7839, 0.7147, 1.1014,
                -0.1715, 1.5307, -1.5178, 0.8541, -1.9888, 1.2435, -0.174, -0.1536, 1.1284, 1.7863, -0.4088, 1.7316, -3.678,
                0.2936, 2.6121, 2.1556, 0.9768, 0.9389, -0.0692, 3.4303, 0.2598, -1.2921, -3.9014, 3.1058,
            },
            null, 0.13142857142857142, 0.17806330795936753, 1.3467421006689759).SetName("Normal_n50_Boundary");

        // Ties in both: the tie-corrected variance.
        // set.seed(31); x <- sample(1:6, 30, TRUE); y <- sample(1:5, 30, TRUE) + x %/% 2
        // R: cor.test(x, y, method = "kendall") — and the same with exact = TRUE, which warns "Cannot compute exact
        // p-value with ties" and gives the identical normal result.
        double[] tiedX = [5, 1, 3, 2, 3, 3, 6, 1, 3, 1, 5, 6, 2, 4, 4, 2, 1, 6, 6, 5, 1, 4, 4, 5, 6, 2, 6, 2, 5, 4];
        double[] tiedY = [4, 5, 2, 4, 3, 6, 5, 3, 3, 4, 6, 8, 2, 6, 7, 3, 2, 4, 8, 7, 4, 3, 5, 6, 8, 4, 6, 2, 6, 7];
        yield return new TestCaseData(tiedX, tiedY, null, 0.50399473726137833, 0.00047189649453176008, 3.4962216760703093).SetName("Normal_Ties");
        yield return new TestCaseData(tiedX, tiedY, true, 0.50399473726137833, 0.00047189649453176008, 3.4962216760703093).SetName("Normal_TiesWithExactRequested");

        // set.seed(12); x <- sample(12); y <- sample(12); R: cor.test(x, y, method = "kendall", exact = FALSE)
        yield return new TestCaseData(
            new double[] { 2, 10, 7, 5, 9, 4, 12, 3, 6, 1, 11, 8 },
            new double[] { 6, 10, 11, 7, 8, 5, 4, 1, 12, 3, 2, 9 },
            false, 0.15151515151515152, 0.49288623517292063, 0.68572548132374167).SetName("Normal_ExactFalse_n12");
    }

    [TestCaseSource(nameof(NormalCases))]
    public void Test_NormalApproximation_MatchesR(double[] x, double[] y, bool? exact, double tau, double p, double z)
    {
        var result = KendallTau.Test(x, y, exact);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exact, Is.False);
            Assert.That(result.Tau, Is.EqualTo(tau).Within(1e-12));
            Assert.That(result.PValue, Is.EqualTo(p).Within(1e-6 * p));
            Assert.That(result.Statistic, Is.EqualTo(z).Within(1e-9 * Math.Abs(z)));
        });
    }

    [Test]
    public void Test_LargeN_TinyPValueKeepsItsDigits()
    {
        // R: i <- 0:4999; x <- (i * 7919) %% 10007; y <- x + ((i * 104729) %% 20011)
        //    r <- cor.test(x, y, method = "kendall"): tau 0.29369201840368075, p 6.9614767370440508e-213, z 31.139843451019001
        const int N = 5000;
        var x = new double[N];
        var y = new double[N];
        for (long i = 0; i < N; i++)
        {
            x[i] = i * 7919 % 10007;
            y[i] = x[i] + (i * 104729 % 20011);
        }

        var result = KendallTau.Test(x, y, exact: null);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exact, Is.False);
            Assert.That(result.Tau, Is.EqualTo(0.29369201840368075).Within(1e-12));
            Assert.That(result.Statistic, Is.EqualTo(31.139843451019001).Within(1e-9 * 31.139843451019001));
            Assert.That(result.PValue, Is.EqualTo(6.9614767370440508e-213).Within(1e-6 * 6.9614767370440508e-213));
        });
    }

    [Test]
    public void Test_ConstantColumn_IsNaNWhereRIsNA()
    {
        // R: cor.test(1:5, rep(2, 5), method = "kendall") — estimate NA, statistic NA, p.value NA ("the standard
        // deviation is zero"); here NaN for all three.
        var result = KendallTau.Test([1, 2, 3, 4, 5], [2, 2, 2, 2, 2], exact: null);

        Assert.Multiple(() =>
        {
            Assert.That(result.Tau, Is.NaN);
            Assert.That(result.PValue, Is.NaN);
            Assert.That(result.Statistic, Is.NaN);
            Assert.That(result.Exact, Is.False);
        });
    }

    [Test]
    public void Test_MillionPairs_IsFastAndExactInItsCounts()
    {
        // x a permutation of 0..999,999; y = floor(x / 1000): every untied pair concordant, 1000 ties of 1000 in y, so
        // tau-b = S / sqrt(n0 (n0 − n2)) with S = n0 − n2, i.e. sqrt(1 − n2 / n0).
        const int N = 1_000_000;
        var x = new double[N];
        var y = new double[N];
        for (long i = 0; i < N; i++)
        {
            x[i] = i * 7919 % N;
            y[i] = Math.Floor(x[i] / 1000);
        }

        var result = KendallTau.Test(x, y, exact: null);

        const double N0 = N * (N - 1.0) / 2;
        const double N2 = 1000 * (1000 * 999.0 / 2);
        Assert.Multiple(() =>
        {
            Assert.That(result.Tau, Is.EqualTo(Math.Sqrt(1 - (N2 / N0))).Within(1e-14));
            Assert.That(result.Exact, Is.False);
            Assert.That(result.PValue, Is.Zero);
        });
    }

    [Test]
    public void Test_CountsMatchEveryPairCompared()
    {
        // Knight's counting against the definition, pair by pair, on data with many ties in both variables.
        var random = new Random(7);
        const int N = 1500;
        var x = new double[N];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = random.Next(40);
            y[i] = random.Next(30) + (x[i] / 3);
        }

        long s = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < N; i++)
        {
            for (var j = i + 1; j < N; j++)
            {
                var a = Math.Sign(x[i] - x[j]);
                var b = Math.Sign(y[i] - y[j]);
                s += a * b;
                tiedX += a == 0 ? 1 : 0;
                tiedY += b == 0 ? 1 : 0;
            }
        }

        const double Pairs = N * (N - 1.0) / 2;
        var expected = s / Math.Sqrt((Pairs - tiedX) * (Pairs - tiedY));

        Assert.That(KendallTau.Test(x, y, exact: null).Tau, Is.EqualTo(expected).Within(1e-14));
    }

    [Test]
    public void Test_InvalidInput_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => KendallTau.Test([1, 2, 3], [1, 2], exact: null), Throws.ArgumentException);
            Assert.That(() => KendallTau.Test([1], [1], exact: null), Throws.ArgumentException);
        });
    }
}
