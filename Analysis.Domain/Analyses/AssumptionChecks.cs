using Analysis.Domain.Analyses.Levene;
using Analysis.Domain.Analyses.Shapiro;

namespace Analysis.Domain.Analyses;

/// <summary>
/// Shapiro–Wilk's W on <see cref="N"/> values (R: <c>shapiro.test</c>), or a <see cref="Note"/> saying why there is
/// none (R takes 3 to 5000 values, not all equal). <see cref="Group"/> names the group for a two-sample t-test.
/// </summary>
public sealed record NormalityCheck(string Method, string? Group, int N, double? Statistic, double? PValue, string? Note);

/// <summary>
/// Levene's test (distances from each group's median: Brown–Forsythe): F, its degrees of freedom and p-value.
/// <see cref="Groups"/> says what the groups are.
/// </summary>
public sealed record EqualVarianceCheck(string Method, string Groups, double FStatistic, int DfBetween, int DfWithin, double PValue);

/// <summary>
/// The assumption checks beside a model's test (<c>"checks": true</c>): normality of its residuals, or of each
/// group's values (<see cref="Normality"/>, one entry a group for a two-sample t-test), equality of variances, and one
/// line reading them at the 5 % level.
/// </summary>
public sealed record AssumptionChecks(IReadOnlyList<NormalityCheck> Normality, EqualVarianceCheck? EqualVariance, string Reading)
{
    public const string ShapiroWilk = "Shapiro-Wilk";

    public const string LeveneMedian = "Levene (median)";

    /// <summary>The checks of <paramref name="normality"/>'s samples (each named, or null for residuals) and Levene over <paramref name="groups"/>.</summary>
    public static AssumptionChecks Of(IEnumerable<(string? Group, double[] Values)> normality, IReadOnlyList<double[]>? groups, string groupsAre)
    {
        ArgumentNullException.ThrowIfNull(normality);
        var tests = normality.Select(s => ShapiroOf(s.Group, s.Values)).ToList();
        var equal = groups is { Count: >= 2 } ? Levene(groups, groupsAre) : null;
        return new AssumptionChecks(tests, equal, Read(tests, equal));
    }

    private static NormalityCheck ShapiroOf(string? group, double[] values)
    {
        var test = ShapiroAnalysis.Test(values);
        return new NormalityCheck(ShapiroWilk, group, test.N, test.Statistic, test.PValue, test.Error);
    }

    private static EqualVarianceCheck? Levene(IReadOnlyList<double[]> groups, string groupsAre)
    {
        if (groups.Sum(g => g.Length) - groups.Count < 1 || groups.Any(g => g.Length == 0))
        {
            return null;
        }

        var test = LeveneAnalysis.Test(groups, LeveneCenter.Median);
        return new EqualVarianceCheck(LeveneMedian, groupsAre, test.F, test.DfBetween, test.DfWithin, test.PValue);
    }

    private static string Read(List<NormalityCheck> normality, EqualVarianceCheck? equal)
    {
        var parts = new List<string>();
        var tested = normality.Where(t => t.PValue is not null).ToList();
        if (tested.Count > 0)
        {
            var departing = tested.Where(t => t.PValue < 0.05).ToList();
            var what = normality[0].Group is null ? "the residuals" : "each group";
            parts.Add(departing.Count == 0
                ? $"Shapiro-Wilk finds no departure from normality in {what} ({string.Join(", ", tested.Select(t => Apa.P(t.PValue!.Value)))})"
                : $"Shapiro-Wilk finds {(departing[0].Group is { } g ? $"group '{g}'" : "the residuals")} not normal ({Apa.P(departing[0].PValue!.Value)})");
        }
        else
        {
            parts.Add("Shapiro-Wilk could not be computed (" + normality.Select(t => t.Note).FirstOrDefault(n => n is not null) + ")");
        }

        if (equal is not null && double.IsFinite(equal.PValue))
        {
            parts.Add(equal.PValue < 0.05
                ? $"Levene's test finds unequal variances ({Apa.P(equal.PValue)})"
                : $"Levene's test finds no evidence of unequal variances ({Apa.P(equal.PValue)})");
        }

        return string.Join("; ", parts) + ", at the 5% level.";
    }

    /// <summary>
    /// The R checks of the checks: Shapiro–Wilk's W and p over each vector of <paramref name="samples"/> (an R list), and
    /// Levene's F and p over <paramref name="leveneData"/> (an R list of <c>v</c>, the values, and <c>g</c>, a factor).
    /// </summary>
    public static IEnumerable<RCheck> RChecks(string samples, string? leveneData)
    {
        const string Shapiro = "function(v) if (length(v) >= 3 && length(v) <= 5000 && length(unique(v)) > 1) shapiro.test(v)";
        yield return new("Shapiro-Wilk W (checks)", $"sapply({samples}, {Shapiro}$statistic else NA)", [new RPath("checks", "normality", RPath.Each, "statistic")]);
        yield return new("Shapiro-Wilk p (checks)", $"sapply({samples}, {Shapiro}$p.value else NA)", [new RPath("checks", "normality", RPath.Each, "pValue")]);
        if (leveneData is not null)
        {
            var test = $"with({leveneData}, oneway.test(abs(v - ave(v, g, FUN = median)) ~ g, var.equal = TRUE))";
            yield return new("Levene F (checks)", $"{test}$statistic", "checks", "equalVariance", "fStatistic");
            yield return new("Levene p (checks)", $"{test}$p.value", "checks", "equalVariance", "pValue");
        }
    }
}
