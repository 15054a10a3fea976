using System.Globalization;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Two-sided Wilcoxon rank-sum and signed-rank tests and the Kruskal–Wallis test, as R 4.2.2's wilcox.test and
/// kruskal.test compute them. Ranks are averaged over ties; the normal approximation uses the ties-corrected
/// variance and, when asked, R's continuity correction of 0.5 towards the middle. The samples are sorted once
/// (O(n log n)) and the pooled ranks read off in one pass, so a million values take a fraction of a second.
/// </summary>
public static class RankTests
{
    /// <summary>R's default: exact below 50 observations (each group for the rank-sum test, non-zero differences for the signed-rank test).</summary>
    private const int ExactBelow = 50;

    /// <summary>
    /// R: wilcox.test(x, y, exact = exact, correct = correction), two-sided. W = sum of the ranks of x − nx(nx + 1)/2.
    /// <paramref name="exact"/> null is R's default: exact when both samples have fewer than 50 values and there are no
    /// ties. Ties always give the normal approximation (where R warns "cannot compute exact p-value with ties";
    /// here <see cref="RankSumTest.HasTies"/> and <see cref="RankSumTest.Kind"/> say so). Unlike R, an exact test asked
    /// for on samples too large to count (beyond about 584 and 584, or very unequal ones past 2^20 coefficients such as 3
    /// and 1,000,000: <see cref="WilcoxonDistributions.IsRankSumTractable"/>)
    /// also falls back to the normal approximation. When every value is tied the p-value is NaN (R: NA).
    /// </summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static RankSumTest MannWhitney(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool? exact, bool correction)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException("The rank-sum test needs at least one x value.", nameof(x));
        }

        if (y.IsEmpty)
        {
            throw new ArgumentException("The rank-sum test needs at least one y value.", nameof(y));
        }

        var sortedX = SortedCopy(x, nameof(x));
        var sortedY = SortedCopy(y, nameof(y));
        var (rankSumX, tieTerm) = MergeRanks(sortedX, sortedY);
        var hasTies = tieTerm > 0;
        double nx = x.Length, ny = y.Length;
        var w = rankSumX - (nx * (nx + 1) / 2);

        var wantExact = exact ?? (x.Length < ExactBelow && y.Length < ExactBelow);
        if (wantExact && !hasTies && WilcoxonDistributions.IsRankSumTractable(x.Length, y.Length))
        {
            return new RankSumTest(w, WilcoxonDistributions.RankSumTwoSided(w, x.Length, y.Length), RankTestKind.Exact, false);
        }

        var allTied = sortedX[0] == sortedX[^1] && sortedY[0] == sortedY[^1] && sortedX[0] == sortedY[0];
        var n = nx + ny;
        var variance = nx * ny / 12 * (n + 1 - (tieTerm / (n * (n - 1))));
        var p = allTied ? double.NaN : NormalTwoSided(w - (nx * ny / 2), variance, correction);
        return new RankSumTest(w, p, RankTestKind.Normal, hasTies);
    }

    /// <summary>
    /// R: wilcox.test(d, mu = 0, exact = exact, correct = correction), two-sided, on differences already formed
    /// (a − b, or x − mu). Zero differences are dropped (counted in <see cref="SignedRankTest.Zeros"/>) and
    /// <see cref="SignedRankTest.N"/> is the count left; V = sum of the ranks of |d| over the positive differences.
    /// <paramref name="exact"/> null is R's default: exact when N &lt; 50. Ties or zeros always give the normal
    /// approximation (R warns "cannot compute exact p-value with ties" / "with zeroes"). An exact test asked for
    /// with more than 2,000 differences (<see cref="WilcoxonDistributions.MaxSignedRank"/>) falls back to the normal
    /// approximation (R counts exactly up to 1,023 and gives NaN beyond). When every difference is zero, as R: V = 0, N = 0, a normal-approximation
    /// p-value of NaN (R: NA).
    /// </summary>
    /// <exception cref="ArgumentException">There are no differences, or one is NaN.</exception>
    public static SignedRankTest SignedRank(ReadOnlySpan<double> differences, bool? exact, bool correction)
    {
        if (differences.IsEmpty)
        {
            throw new ArgumentException("The signed-rank test needs at least one difference.", nameof(differences));
        }

        int positives = 0, negatives = 0;
        foreach (var d in differences)
        {
            if (double.IsNaN(d))
            {
                throw new ArgumentException("Differences must not be NaN (drop missing values first).", nameof(differences));
            }

            if (d > 0)
            {
                positives++;
            }
            else if (d < 0)
            {
                negatives++;
            }
        }

        var above = new double[positives];
        var below = new double[negatives];
        int a = 0, b = 0;
        foreach (var d in differences)
        {
            if (d > 0)
            {
                above[a++] = d;
            }
            else if (d < 0)
            {
                below[b++] = -d;
            }
        }

        Array.Sort(above);
        Array.Sort(below);
        var (v, tieTerm) = MergeRanks(above, below);
        var hasTies = tieTerm > 0;
        var count = positives + negatives;
        var zeros = differences.Length - count;

        var wantExact = exact ?? count < ExactBelow;
        if (wantExact && !hasTies && zeros == 0 && WilcoxonDistributions.IsSignedRankTractable(count))
        {
            return new SignedRankTest(v, WilcoxonDistributions.SignedRankTwoSided(v, count), RankTestKind.Exact, count, 0, false);
        }

        double n = count;
        var variance = (n * (n + 1) * ((2 * n) + 1) / 24) - (tieTerm / 48);
        var p = NormalTwoSided(v - (n * (n + 1) / 4), variance, correction);
        return new SignedRankTest(v, p, RankTestKind.Normal, count, zeros, hasTies);
    }

    /// <summary>
    /// R: kruskal.test(list(g1, g2, ...)). The statistic is ties-corrected, df = groups − 1, the p-value is the upper
    /// chi-squared tail, and <see cref="KruskalWallisTest.MeanRanks"/> holds each group's mean pooled rank in the order
    /// given. As in R, the ties correction groups values by their text to 15 significant digits (R: table(x)), so values
    /// that differ only beyond that (0.1 + 0.2 and 0.3) get different ranks but count as tied there. When every value
    /// is tied the statistic and p-value are NaN (R: NaN and NA).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty group, or a NaN value (R: "all groups must contain data").</exception>
    public static KruskalWallisTest KruskalWallis(IReadOnlyList<double[]> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2)
        {
            throw new ArgumentException("The Kruskal–Wallis test needs at least two groups.", nameof(groups));
        }

        var total = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g] is not { Length: > 0 } group)
            {
                throw new ArgumentException($"Group {g + 1} is empty: every group must contain data.", nameof(groups));
            }

            total = checked(total + group.Length);
        }

        var values = new double[total];
        var labels = new int[total];
        var at = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var value in groups[g])
            {
                if (double.IsNaN(value))
                {
                    throw new ArgumentException($"Group {g + 1} holds NaN (drop missing values first).", nameof(groups));
                }

                values[at] = value;
                labels[at++] = g;
            }
        }

        Array.Sort(values, labels);
        var rankSums = new double[groups.Count];
        var tieTerm = 0.0;
        var printedRun = 0;
        var start = 0;
        while (start < total)
        {
            var end = start + 1;
            while (end < total && values[end] == values[start])
            {
                end++;
            }

            // Positions start..end − 1 hold equal values: each gets the mean of the ranks start + 1 .. end.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                rankSums[labels[k]] += rank;
            }

            // R counts the ties of the correction with table(x), which groups values by their 15-digit text:
            // 0.1 + 0.2 and 0.3 have different ranks but count as one tie group there.
            if (printedRun > 0 && SamePrinted(values[start - 1], values[start]))
            {
                printedRun += end - start;
            }
            else
            {
                tieTerm += TieTerm(printedRun);
                printedRun = end - start;
            }

            start = end;
        }

        tieTerm += TieTerm(printedRun);

        double n = total;
        var centre = (n + 1) / 2;
        var meanRanks = new double[groups.Count];
        var spread = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            double size = groups[g].Length;
            meanRanks[g] = rankSums[g] / size;
            var offset = meanRanks[g] - centre;
            spread += size * offset * offset;
        }

        var df = groups.Count - 1;
        var untied = 1 - (tieTerm / TieTerm(n));
        if (!(untied > 0))
        {
            return new KruskalWallisTest(double.NaN, df, double.NaN, meanRanks);
        }

        // Σ nᵢ(R̄ᵢ − (n + 1)/2)² equals R's Σ Rᵢ²/nᵢ − n(n + 1)²/4 without the cancellation between the two.
        var statistic = 12 * spread / (n * (n + 1)) / untied;
        return new KruskalWallisTest(statistic, df, Distributions.ChiSquareUpper(statistic, df), meanRanks);
    }

    private static double[] SortedCopy(ReadOnlySpan<double> values, string parameter)
    {
        var copy = values.ToArray();
        foreach (var value in copy)
        {
            if (double.IsNaN(value))
            {
                throw new ArgumentException("Values must not be NaN (drop missing values first).", parameter);
            }
        }

        Array.Sort(copy);
        return copy;
    }

    /// <summary>
    /// Merges two ascending samples, ranking the pooled values with ties averaged: the sum of the ranks of
    /// <paramref name="first"/>, and Σ(t³ − t) over the tie groups of the pooled values (0 when there are no ties).
    /// </summary>
    private static (double RankSumFirst, double TieTerm) MergeRanks(double[] first, double[] second)
    {
        int i = 0, j = 0;
        double position = 0, rankSum = 0, tieTerm = 0;
        while (i < first.Length || j < second.Length)
        {
            var value = j >= second.Length || (i < first.Length && first[i] <= second[j]) ? first[i] : second[j];
            var startFirst = i;
            while (i < first.Length && first[i] == value)
            {
                i++;
            }

            var startSecond = j;
            while (j < second.Length && second[j] == value)
            {
                j++;
            }

            double inFirst = i - startFirst;
            double run = inFirst + (j - startSecond);

            // The run takes ranks position + 1 .. position + run; each value gets their mean.
            rankSum += inFirst * (position + ((run + 1) / 2));
            tieTerm += TieTerm(run);
            position += run;
        }

        return (rankSum, tieTerm);
    }

    /// <summary>
    /// Whether R's as.character shows two neighbouring sorted values alike (15 significant digits): only values within
    /// 1e-14 of each other, relatively, can be, so the text is formed for those alone.
    /// </summary>
    private static bool SamePrinted(double lower, double upper) =>
        upper - lower <= 1e-14 * Math.Max(Math.Abs(lower), Math.Abs(upper))
        && lower.ToString("E14", CultureInfo.InvariantCulture) == upper.ToString("E14", CultureInfo.InvariantCulture);

    /// <summary>t³ − t for a tie group of t equal values (0 for a value on its own).</summary>
    private static double TieTerm(double t) => (t * t * t) - t;

    /// <summary>
    /// R's two-sided normal p-value 2·min(pnorm(z), pnorm(z, lower.tail = FALSE)) with z = (centred − correction)/σ,
    /// the correction being 0.5·sign(centred) when asked for; NaN when the variance is zero (R: 0/0).
    /// </summary>
    private static double NormalTwoSided(double centred, double variance, bool correction)
    {
        if (!(variance > 0))
        {
            return double.NaN;
        }

        var z = (centred - (correction ? 0.5 * Math.Sign(centred) : 0)) / Math.Sqrt(variance);
        return 2 * Distributions.Normal(Math.Abs(z), lowerTail: false);
    }
}
