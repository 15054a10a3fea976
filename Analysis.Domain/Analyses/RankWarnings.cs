namespace Analysis.Domain.Analyses;

/// <summary>Why a Wilcoxon test gave the normal approximation where an exact p-value was wanted (R's warnings).</summary>
internal static class RankWarnings
{
    public static List<string>? ForExact(bool wantedExact, RankTestKind kind, bool ties, int zeros = 0)
    {
        if (!wantedExact || kind == RankTestKind.Exact)
        {
            return null;
        }

        var reason = ties && zeros > 0 ? "ties and zeros" : ties ? "ties" : zeros > 0 ? "zeros" : null;
        return
        [
            reason is null
                ? "The samples are too large to count the exact distribution: the p-value uses the normal approximation."
                : $"The exact p-value cannot be computed with {reason}: the normal approximation is used (as R's wilcox.test).",
        ];
    }
}
